package dev.fleetsim.desktop.plan;

import dev.fleetsim.desktop.FileDialogs;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.fx.ChartPane;
import dev.fleetsim.desktop.fx.Tables;
import dev.fleetsim.planner.Candidate;
import dev.fleetsim.planner.Sensitivity;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;

import java.util.List;

/**
 * The plan screen: open a plan file, run its search (progress, cancel), then the cost–SLO chart
 * beside the chosen configuration with its margins and the sensitivity table, and under the chart
 * the choices. A click on a marker or a row shows that configuration; its scenario opens in the
 * editor or runs.
 */
public final class PlanView extends BorderPane {
    private final PlanViewModel vm;
    private final ChartPane chart;
    private final TableView<Candidate> choices = new TableView<>();

    public PlanView(PlanViewModel vm, FileDialogs dialogs, Threads threads) {
        this.vm = vm;
        setId("plan");
        chart = new ChartPane("pareto", vm.pareto(), dialogs, threads, vm.status()::set)
                .whileEmpty("Plan to see the cost–SLO Pareto front of every configuration simulated");
        chart.onClick(this::clicked);
        setTop(header(dialogs));
        // above: the chart beside the chosen and the selected configuration; below, full width: the two tables
        SplitPane above = new SplitPane(chart, detailPane());
        above.setDividerPositions(0.58);
        SplitPane below = new SplitPane(choicesPane(dialogs), sensitivityPane(dialogs));
        below.setDividerPositions(0.56);
        SplitPane split = new SplitPane(above, below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.64);
        setCenter(split);
    }

    private Node header(FileDialogs dialogs) {
        Button open = new Button("Open plan…");
        open.setId("plan-open");
        open.disableProperty().bind(vm.running());
        open.setOnAction(e -> dialogs.open("Open a plan file", List.of("yaml", "yml", "json")).ifPresent(vm::open));
        Label file = new Label();
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.file().get().isEmpty() ? "no plan file"
                : vm.file().get(), vm.file()));
        file.getStyleClass().add("screen-title");
        Spinner<Integer> pool = new Spinner<>(1, 256, vm.threads().get());
        pool.valueProperty().addListener((o, a, b) -> vm.threads().set(b));
        pool.setPrefWidth(80);
        pool.setTooltip(new Tooltip("Simulations at once; the answer does not depend on it"));
        Button run = new Button("Plan");
        run.setId("plan-start");
        run.disableProperty().bind(vm.running().or(Bindings.isNull(vm.plan())));
        run.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("plan-cancel");
        cancel.disableProperty().bind(vm.running().not());
        cancel.setOnAction(e -> vm.cancel());
        Button save = new Button("Save plan folder…");
        save.setId("plan-save");
        save.disableProperty().bind(Bindings.isNull(vm.result()));
        save.setOnAction(e -> dialogs.folder("Save the plan's results into a folder").ifPresent(vm::saveFolder));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(8, open, file, gap, new Label("threads"), pool, run, cancel, save);
        row.setAlignment(Pos.CENTER_LEFT);
        ProgressBar bar = new ProgressBar(0);
        bar.setId("plan-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        // the search does not know its length ahead (bisection, halving): indeterminate while it runs
        bar.progressProperty().bind(Bindings.when(vm.running()).then(-1.0)
                .otherwise(Bindings.when(Bindings.isNull(vm.result())).then(0.0).otherwise(1.0)));
        Label status = new Label();
        status.setId("plan-status");
        status.textProperty().bind(vm.status());
        status.setWrapText(true);
        Label last = new Label();
        last.setId("plan-last");
        last.getStyleClass().add("muted");
        last.textProperty().bind(vm.progress());
        VBox top = new VBox(6, row, bar, status, last);
        top.setPadding(new Insets(8));
        return top;
    }

    private Node choicesPane(FileDialogs dialogs) {
        choices.setId("plan-choices");
        choices.setPlaceholder(new Label("Plan to see each choice: the fewest nodes meeting every constraint, its cost and margins"));
        Tables.show(choices, vm.candidateColumns().get(), vm.candidates());
        vm.candidateColumns().addListener((o, a, b) -> {
            choices.getColumns().clear();
            Tables.show(choices, b, vm.candidates());
        });
        choices.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.pick(b));
        vm.candidates().addListener((javafx.collections.ListChangeListener<Candidate>) c ->
                Tables.fit(choices, vm.candidateColumns().get(), vm.candidates()));
        Button csv = new Button("Export CSV…");
        csv.getStyleClass().add("small");
        csv.disableProperty().bind(Bindings.isEmpty(vm.candidates()));
        csv.setOnAction(e -> dialogs.save("Export the choices", "plan-choices.csv", List.of("csv")).ifPresent(vm::exportCandidates));
        return titled("Choices (a row shows that choice at the node count found)", choices, csv);
    }

    private Node detailPane() {
        TextArea chosen = mono("plan-chosen");
        chosen.textProperty().bind(vm.chosenText());
        TextArea selected = mono("plan-selected");
        selected.textProperty().bind(vm.selectedText());
        Button edit = new Button("Open in editor");
        edit.setId("plan-edit");
        edit.setTooltip(new Tooltip("This configuration as a scenario, in the Scenario screen (save it from there)"));
        edit.disableProperty().bind(Bindings.isNull(vm.selected()));
        edit.setOnAction(e -> vm.editSelected());
        Button run = new Button("Run it");
        run.setId("plan-run");
        run.setTooltip(new Tooltip("Open it in the editor and run it, as fleetsim run would"));
        run.disableProperty().bind(edit.disableProperty());
        run.setOnAction(e -> vm.runSelected());
        SplitPane s = new SplitPane(titled("Chosen configuration", chosen, null),
                titled("Selected configuration (click a marker or a row)", selected, new HBox(8, edit, run)));
        s.setOrientation(Orientation.VERTICAL);
        return s;
    }

    private Node sensitivityPane(FileDialogs dialogs) {
        TableView<Sensitivity.Row> sens = new TableView<>();
        sens.setId("plan-sensitivity");
        sens.setPlaceholder(new Label("The chosen configuration's sensitivities show here"));
        Tables.show(sens, vm.sensitivityColumns(), vm.sensitivity());
        wrapEffectColumn(sens);
        // change and value fit their text; the effect takes the rest of the pane and wraps (it was wider than the pane)
        List<dev.fleetsim.desktop.table.Column<Sensitivity.Row>> fitted = vm.sensitivityColumns().subList(0, 2);
        vm.sensitivity().addListener((javafx.collections.ListChangeListener<Sensitivity.Row>) c ->
                Tables.fit(sens, fitted, vm.sensitivity()));
        Button csv = new Button("Export CSV…");
        csv.getStyleClass().add("small");
        csv.disableProperty().bind(Bindings.isEmpty(vm.sensitivity()));
        csv.setOnAction(e -> dialogs.save("Export the sensitivity table", "plan-sensitivity.csv", List.of("csv"))
                .ifPresent(vm::exportSensitivity));
        return titled("Sensitivity of the chosen configuration", sens, csv);
    }

    /**
     * Makes a few-row table's last column fill the width its other columns leave, its text wrapped
     * onto more lines (rows grow to fit), so a long sentence never runs off the pane.
     */
    @SuppressWarnings("unchecked")
    private static void wrapEffectColumn(TableView<Sensitivity.Row> table) {
        table.setFixedCellSize(Region.USE_COMPUTED_SIZE);
        var columns = table.getColumns();
        var last = (javafx.scene.control.TableColumn<Sensitivity.Row, Sensitivity.Row>) columns.get(columns.size() - 1);
        javafx.beans.binding.DoubleBinding others = Bindings.createDoubleBinding(
                () -> columns.subList(0, columns.size() - 1).stream().mapToDouble(c -> c.getWidth()).sum(),
                columns.stream().limit(columns.size() - 1).map(c -> c.widthProperty()).toArray(javafx.beans.Observable[]::new));
        // less a vertical scroll bar's width and the borders, so no horizontal one appears
        last.prefWidthProperty().bind(Bindings.max(120, table.widthProperty().subtract(others).subtract(20)));
        last.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(12));
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
                text.getStyleClass().add("wrapped-cell");
                setPrefHeight(Region.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(Sensitivity.Row item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? null : item.effect());
                setGraphic(empty || item == null ? null : text);
            }
        });
    }

    /** A click on the chart: a marker names its series (a choice, the front, the chosen ring) and its cost. */
    private void clicked(ChartEntity e) {
        if (e instanceof XYItemEntity) {
            XYItemEntity item = (XYItemEntity) e;
            Comparable<?> key = item.getDataset().getSeriesKey(item.getSeriesIndex());
            vm.pick(String.valueOf(key), item.getDataset().getXValue(item.getSeriesIndex(), item.getItem()));
        }
    }

    private static Node titled(String title, Node content, Node action) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = action == null ? new HBox(label) : new HBox(8, label, gap, action);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, bar, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private static TextArea mono(String id) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.setWrapText(true);
        t.getStyleClass().add("yaml");
        return t;
    }

    /** The chart pane (tests click its markers). */
    public ChartPane chart() {
        return chart;
    }

    /** Selects a row of the choices' table, as a click would. */
    public void selectChoice(String label) {
        choices.getItems().stream().filter(c -> c.label().equals(label)).findFirst()
                .ifPresent(c -> choices.getSelectionModel().select(c));
    }
}
