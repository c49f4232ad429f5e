package dev.fleetsim.desktop.editor;

import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Controls for a form section: a row per key (its name, a text field or a choice, its error
 * under it), a collapsible box per nested map, a list with add/copy/remove beside the selected
 * item's form, and rows of named entries. Every control writes through the view model and shows
 * what the view model's nodes say; a control being typed into is never overwritten.
 */
final class FormView {
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final ScenarioEditorViewModel vm;
    private final Consumer<String> help;
    private final Map<String, Integer> selectedItems;
    private final List<String> gpuTypes;

    FormView(ScenarioEditorViewModel vm, Consumer<String> help, Map<String, Integer> selectedItems, List<String> gpuTypes) {
        this.vm = vm;
        this.help = help;
        this.selectedItems = selectedItems;
        this.gpuTypes = gpuTypes;
    }

    Node group(FormNode.Group g) {
        VBox box = new VBox(6);
        box.setPadding(new Insets(6));
        box.getChildren().add(errorLabel(g));
        GridPane grid = grid();
        int row = 0;
        List<Node> nested = new ArrayList<>();
        for (FormNode c : g.children()) {
            if (c instanceof FormNode.Field) {
                addField(grid, row++, (FormNode.Field) c);
            } else {
                nested.add(nested(c));
            }
        }
        if (row > 0) {
            box.getChildren().add(grid);
        }
        box.getChildren().addAll(nested);
        return box;
    }

    private Node nested(FormNode n) {
        Node content;
        if (n instanceof FormNode.Group) {
            content = group((FormNode.Group) n);
        } else if (n instanceof FormNode.ListNode) {
            content = list((FormNode.ListNode) n);
        } else {
            content = entries((FormNode.Entries) n);
        }
        TitledPane pane = new TitledPane(n.label(), content);
        pane.setId("form-" + n.path());
        pane.setTooltip(new Tooltip(n.description()));
        // small maps (a parallel layout, a fabric) open; big nested ones (a GPU type's peaks) start closed
        pane.setExpanded(!(n instanceof FormNode.Group) || n.path().size() <= 2 || ((FormNode.Group) n).children().size() <= 8
                || !n.error().get().isEmpty());
        follow(pane, n.error(), (o, a, b) -> pane.pseudoClassStateChanged(ERROR, !b.isEmpty()));
        pane.pseudoClassStateChanged(ERROR, !n.error().get().isEmpty());
        return pane;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(130);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(keys, values);
        return grid;
    }

    private void addField(GridPane grid, int row, FormNode.Field f) {
        Label key = new Label(f.label() + (f.required() ? " *" : ""));
        key.getStyleClass().add("form-key");
        key.setTooltip(new Tooltip(f.description()));
        Control control = control(f);
        control.setId("field-" + f.path());
        control.setMaxWidth(Double.MAX_VALUE);
        control.setTooltip(new Tooltip(f.description()));
        control.focusedProperty().addListener((o, a, b) -> {
            if (b) {
                help.accept(f.path() + " — " + f.description() + (f.spec().defaultText().isEmpty() ? ""
                        : " (default " + f.spec().defaultText() + ")"));
            }
        });
        Label error = errorLabel(f);
        follow(control, f.error(), (o, a, b) -> control.pseudoClassStateChanged(ERROR, !b.isEmpty()));
        control.pseudoClassStateChanged(ERROR, !f.error().get().isEmpty());
        grid.add(key, 0, row);
        grid.add(new VBox(2, control, error), 1, row);
        GridPane.setValignment(key, javafx.geometry.VPos.TOP);
        GridPane.setMargin(key, new Insets(4, 0, 0, 0));
    }

    private Control control(FormNode.Field f) {
        FormSchema.Scalar s = f.spec();
        String prompt = s.defaultText().isEmpty() ? (f.required() ? "required" : "") : "default " + s.defaultText();
        boolean[] updating = {false};
        if (!s.options().isEmpty() && s.kind() != FormSchema.Kind.LIST) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().add("");
            box.getItems().addAll(s.options());
            box.setEditable(s.open());
            box.setPromptText(prompt);
            box.setValue(orNull(f.value().get()));
            box.valueProperty().addListener((o, a, b) -> {
                if (!updating[0]) {
                    vm.setField(f, b == null ? "" : b);
                }
            });
            follow(box, f.value(), (o, a, b) -> {
                updating[0] = true;
                box.setValue(orNull(b));
                updating[0] = false;
            });
            return box;
        }
        TextField text = new TextField(f.value().get());
        text.setPromptText(prompt);
        text.textProperty().addListener((o, a, b) -> {
            if (!updating[0]) {
                vm.setField(f, b);
            }
        });
        ChangeListener<String> follow = (o, a, b) -> {
            if (!text.isFocused() && !text.getText().equals(b)) {
                updating[0] = true;
                text.setText(b);
                updating[0] = false;
            }
        };
        follow(text, f.value(), follow);
        text.focusedProperty().addListener((o, a, b) -> {
            if (!b) {
                follow.changed(f.value(), null, f.value().get());
            }
        });
        return text;
    }

    private Node list(FormNode.ListNode list) {
        ListView<Integer> items = new ListView<>();
        items.setId("list-" + list.path());
        items.setPrefWidth(210);
        items.setPrefHeight(Math.min(240, 28 * Math.max(3, list.size()) + 4));
        for (int i = 0; i < list.size(); i++) {
            items.getItems().add(i);
        }
        items.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Integer i, boolean empty) {
                super.updateItem(i, empty);
                boolean show = !empty && i != null && i < list.size();
                setText(show ? list.labels().get(i) : null);
                pseudoClassStateChanged(ERROR, show && list.problems(i) > 0);
            }
        });
        VBox itemPane = new VBox();
        HBox.setHgrow(itemPane, Priority.ALWAYS);
        String key = list.path().toString();
        Object[] shown = {null};
        Runnable render = () -> {
            Integer b = items.getSelectionModel().getSelectedItem();
            FormNode.Group g = b != null && b < list.size() ? list.item(b) : null;
            if (g != shown[0]) {
                shown[0] = g;
                itemPane.getChildren().setAll(g == null ? List.of() : List.of(group(g)));
            }
            if (b != null) {
                selectedItems.put(key, b);
            }
        };
        items.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> render.run());
        follow(items, list.version(), (o, a, b) -> {
            items.refresh();
            render.run();
        });
        Button add = new Button("Add");
        add.setId("add-" + key);
        add.setTooltip(new Tooltip("Add an item: a copy of the selected one, or a template when the list is empty"));
        add.setOnAction(e -> {
            Integer sel = items.getSelectionModel().getSelectedItem();
            selectedItems.put(key, list.size());
            vm.addItem(list, sel == null ? list.size() - 1 : sel);
        });
        Button remove = new Button("Remove");
        remove.setId("remove-" + key);
        remove.disableProperty().bind(items.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            Integer sel = items.getSelectionModel().getSelectedItem();
            if (sel != null) {
                selectedItems.put(key, Math.max(0, sel - 1));
                vm.removeItem(list, sel);
            }
        });
        HBox buttons = new HBox(6, add, remove);
        if (list.path().toString().equals("workload.generators")) {
            Button trace = new Button("Add trace");
            trace.setTooltip(new Tooltip("Add a generator drawing jobs from a published trace's statistics (Philly)"));
            trace.setOnAction(e -> {
                selectedItems.put(key, list.size());
                vm.addTraceGenerator(list);
            });
            buttons.getChildren().add(trace);
        }
        for (javafx.scene.Node b : buttons.getChildren()) {
            ((Button) b).setMinWidth(Region.USE_PREF_SIZE);
        }
        VBox left = new VBox(6, errorLabel(list), items, buttons);
        left.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(10, left, itemPane);
        int selected = Math.min(selectedItems.getOrDefault(key, 0), list.size() - 1);
        if (selected >= 0) {
            items.getSelectionModel().select(selected);
        }
        return box;
    }

    private Node entries(FormNode.Entries entries) {
        VBox box = new VBox(6, errorLabel(entries));
        GridPane grid = grid();
        int row = 0;
        for (FormNode e : entries.entries()) {
            Button remove = new Button("×");
            remove.setTooltip(new Tooltip("Remove " + e.label()));
            remove.setOnAction(a -> vm.removeEntry(e));
            if (e instanceof FormNode.Field) {
                addField(grid, row, (FormNode.Field) e);
                grid.add(remove, 2, row++);
            } else {
                TitledPane pane = new TitledPane(e.label(), group((FormNode.Group) e));
                pane.setExpanded(false);
                box.getChildren().add(new HBox(4, pane, remove));
                HBox.setHgrow(pane, Priority.ALWAYS);
            }
        }
        if (row > 0) {
            box.getChildren().add(1, grid);
        }
        TextField name = new TextField();
        name.setPromptText(entries.free() ? "parameter" : "new GPU type name");
        Node value;
        java.util.function.Supplier<String> valueText;
        if (entries.free()) {
            TextField v = new TextField();
            v.setPromptText("value");
            value = v;
            valueText = v::getText;
        } else {
            ComboBox<String> based = new ComboBox<>();
            based.getItems().addAll(gpuTypes);
            based.setPromptText("based on");
            based.getSelectionModel().selectFirst();
            value = based;
            valueText = () -> based.getValue() == null ? "" : based.getValue();
        }
        Button add = new Button("Add");
        add.setOnAction(a -> vm.addEntry(entries, name.getText(), valueText.get()));
        HBox adder = new HBox(6, name, value, add);
        adder.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(adder);
        return box;
    }

    /** An empty value as no selection, so that the choice shows its prompt (the default). */
    private static String orNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * Listens to a view-model value for as long as {@code owner} (a control) lives: the form's
     * nodes outlive controls that a rebuild or another selection threw away.
     */
    static <T> void follow(Node owner, javafx.beans.value.ObservableValue<T> value, ChangeListener<T> listener) {
        owner.getProperties().put(new Object(), listener);
        value.addListener(new javafx.beans.value.WeakChangeListener<>(listener));
    }

    private static Label errorLabel(FormNode n) {
        Label l = new Label();
        l.getStyleClass().add("error-text");
        l.setWrapText(true);
        l.textProperty().bind(n.error());
        l.visibleProperty().bind(n.error().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        l.setId("error-" + n.path());
        return l;
    }
}
