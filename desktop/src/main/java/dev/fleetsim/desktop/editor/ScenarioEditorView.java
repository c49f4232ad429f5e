package dev.fleetsim.desktop.editor;

import dev.fleetsim.desktop.FileDialogs;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.fx.ChartPane;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario editor: the form (a tab per section; the cluster's with its topology preview)
 * beside the YAML text, the engine's problems under the text (a click selects the text and
 * shows the section), and a toolbar for files and undo. Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo
 * and redo any change, typed or made in the form.
 */
public final class ScenarioEditorView extends BorderPane {
    static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    private final ScenarioEditorViewModel vm;
    private final FileDialogs dialogs;
    private final TabPane sections = new TabPane();
    private final TextArea yaml = new TextArea();
    private final Label help = new Label(" ");
    private final Map<String, Integer> selectedItems = new HashMap<>();
    private final FormView form;
    private final Node preview;
    private boolean syncing;

    public ScenarioEditorView(ScenarioEditorViewModel vm, TopologyPreview topology, FileDialogs dialogs, Threads threads,
                              List<String> gpuTypes) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.form = new FormView(vm, help::setText, selectedItems, gpuTypes);
        this.preview = new ChartPane("topology-preview", topology.chart(), dialogs, threads, help::setText);
        setId("editor");
        setTop(toolbar());
        sections.setId("form-sections");
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (FormTree.Section s : vm.form().sections()) {
            Tab t = new Tab(s.title());
            t.setId("section-" + s.id());
            sections.getTabs().add(t);
            fill(t, s);
        }
        vm.formVersion().addListener((o, a, b) -> rebuild());

        yaml.setId("yaml");
        yaml.getStyleClass().add("yaml");
        yaml.setText(vm.text().get());
        yaml.textProperty().addListener((o, a, b) -> {
            if (!syncing) {
                vm.editText(b);
            }
        });
        vm.text().addListener((o, a, b) -> {
            if (!b.equals(yaml.getText())) {
                syncing = true;
                replaceChanged(yaml, b);
                syncing = false;
            }
        });
        vm.loads().addListener((o, a, b) -> {
            yaml.positionCaret(0);
            yaml.setScrollTop(0);
        });
        vm.selection().addListener((o, a, r) -> {
            if (r != null) {
                yaml.requestFocus();
                yaml.selectRange(r[0], r[1]);
            }
        });
        ListView<ProblemItem> problems = new ListView<>(vm.problems());
        problems.setId("problems");
        problems.setPrefHeight(130);
        problems.setPlaceholder(new Label("No problems: the scenario is valid"));
        problems.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ProblemItem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.text());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        problems.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                showSectionOf(p.problem().path());
                vm.select(p);
            }
        });
        Label problemsTitle = new Label();
        problemsTitle.textProperty().bind(javafx.beans.binding.Bindings.when(vm.validating()).then("Validation: checking…")
                .otherwise(javafx.beans.binding.Bindings.concat("Validation: ", vm.status())));
        problemsTitle.getStyleClass().add("section-title");
        VBox right = new VBox(4, new Label("YAML"), yaml, problemsTitle, problems);
        VBox.setVgrow(yaml, Priority.ALWAYS);
        right.setPadding(new Insets(4));
        SplitPane split = new SplitPane(sections, right);
        split.setDividerPositions(0.52);
        setCenter(split);
        help.getStyleClass().add("muted");
        help.setPadding(new Insets(2, 6, 2, 6));
        setBottom(help);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (REDO.match(e) || REDO_Y.match(e)) {
                vm.redo();
                e.consume();
            } else if (UNDO.match(e)) {
                vm.undo();
                e.consume();
            }
        });
    }

    private ToolBar toolbar() {
        Button newFile = new Button("New");
        newFile.setOnAction(e -> confirmAndNew());
        Button open = new Button("Open…");
        open.setId("open");
        open.setOnAction(e -> openFile());
        MenuButton recent = new MenuButton("Recent");
        recent.setId("recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : vm.recentFiles()) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(e -> {
                    if (confirmDiscard()) {
                        vm.open(p);
                    }
                });
                recent.getItems().add(item);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        vm.recentFiles().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        Button save = new Button("Save");
        save.setId("save");
        save.setOnAction(e -> save());
        Button saveAs = new Button("Save as…");
        saveAs.setOnAction(e -> saveAs());
        Button undo = new Button("Undo");
        undo.setId("undo");
        undo.setTooltip(new Tooltip("Undo the last change, typed or made in the form (Ctrl+Z)"));
        undo.disableProperty().bind(vm.canUndo().not());
        undo.setOnAction(e -> vm.undo());
        Button redo = new Button("Redo");
        redo.setId("redo");
        redo.setTooltip(new Tooltip("Redo (Ctrl+Shift+Z)"));
        redo.disableProperty().bind(vm.canRedo().not());
        redo.setOnAction(e -> vm.redo());
        Label file = new Label();
        file.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> (vm.file().get() == null ? "untitled" : vm.file().get().toString()) + (vm.dirty().get() ? " (modified)" : ""),
                vm.file(), vm.dirty()));
        file.getStyleClass().add("muted");
        Region gap = new Region();
        javafx.scene.layout.HBox.setHgrow(gap, Priority.ALWAYS);
        return new ToolBar(newFile, open, recent, save, saveAs, new Separator(Orientation.VERTICAL), undo, redo, gap, file);
    }

    /** Asks before throwing away unsaved changes. */
    boolean confirmDiscard() {
        if (!vm.dirty().get()) {
            return true;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The scenario has unsaved changes. Discard them?", ButtonType.OK,
                ButtonType.CANCEL);
        a.initOwner(getScene() == null ? null : getScene().getWindow());
        return a.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    /** Starts a new scenario from a small template, after asking about unsaved changes. */
    public void confirmAndNew() {
        if (confirmDiscard()) {
            vm.newScenario(EMPTY);
        }
    }

    public void openFile() {
        if (confirmDiscard()) {
            dialogs.open("Open scenario", List.of("yaml", "yml", "json")).ifPresent(vm::open);
        }
    }

    public void save() {
        if (!vm.save()) {
            saveAs();
        }
    }

    public void saveAs() {
        dialogs.save("Save scenario", vm.sourceName(), List.of("yaml", "json")).ifPresent(vm::saveAs);
    }

    private void rebuild() {
        for (String id : vm.rebuiltSections()) {
            vm.form().section(id).ifPresent(s -> sections.getTabs().stream().filter(t -> t.getId().equals("section-" + id))
                    .findFirst().ifPresent(t -> fill(t, s)));
        }
    }

    private void fill(Tab tab, FormTree.Section s) {
        ScrollPane scroll = new ScrollPane(form.group(s.body()));
        scroll.setFitToWidth(true);
        if (s.id().equals("cluster")) {
            SplitPane split = new SplitPane(scroll, preview);
            split.setOrientation(Orientation.VERTICAL);
            split.setDividerPositions(0.55);
            tab.setContent(split);
        } else {
            tab.setContent(scroll);
        }
    }

    /** Shows a form section by its id ({@code cluster}, {@code workload}, ...). */
    public void showSection(String id) {
        sections.getTabs().stream().filter(t -> t.getId().equals("section-" + id)).findFirst()
                .ifPresent(t -> sections.getSelectionModel().select(t));
    }

    private void showSectionOf(String problemPath) {
        String top = YamlPath.parse(problemPath).segments().stream().findFirst().map(Object::toString).orElse("");
        sections.getTabs().stream().filter(t -> t.getId().equals("section-" + top)).findFirst()
                .or(() -> sections.getTabs().stream().findFirst()).ifPresent(t -> sections.getSelectionModel().select(t));
    }

    /** Replaces only the changed middle of the text, so the caret and the scroll position stay put. */
    static void replaceChanged(TextArea area, String now) {
        String was = area.getText();
        int start = 0;
        int max = Math.min(was.length(), now.length());
        while (start < max && was.charAt(start) == now.charAt(start)) {
            start++;
        }
        int endWas = was.length();
        int endNow = now.length();
        while (endWas > start && endNow > start && was.charAt(endWas - 1) == now.charAt(endNow - 1)) {
            endWas--;
            endNow--;
        }
        area.replaceText(start, endWas, now.substring(start, endNow));
    }

    public static final String EMPTY = """
            # A new scenario: a cluster, a workload and a policy (docs/SCENARIO-FORMAT.md has every key).
            name: untitled
            cluster:
              nodeGroups:
                - name: h100
                  gpuType: H100-SXM
                  count: 4
                  gpusPerNode: 8
                  nicsPerNode: 8
                  nicBandwidth: 400 Gb/s
            workload:
              jobs:
                - id: job-1
                  model: gpt-1.3b
                  precision: bf16
                  globalBatch: 16
                  parallelism: {tp: 1, pp: 1, dp: 8}
                  iterations: 1000
            policy:
              name: fifo
            """;
}
