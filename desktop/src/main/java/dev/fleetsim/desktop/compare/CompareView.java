package dev.fleetsim.desktop.compare;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.FileDialogs;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.fx.ChartPane;
import dev.fleetsim.desktop.fx.Tables;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** The compare screen: policies and seeds to run, the table of metrics with CIs, the overlaid CDFs. */
public final class CompareView extends BorderPane {

    public CompareView(CompareViewModel vm, DesktopSession session, FileDialogs dialogs, Threads threads) {
        setId("compare");
        TextField policies = new TextField();
        policies.setId("compare-policies");
        policies.setTooltip(new Tooltip("Policy names, comma-separated; name:placement sets the placement (fifo:topology-aware)"));
        policies.textProperty().bindBidirectional(vm.policies());
        policies.setPrefColumnCount(24);
        TextField seeds = new TextField();
        seeds.setId("compare-seeds");
        seeds.setTooltip(new Tooltip("Seeds: a range 1..5 or a list 1, 2, 7"));
        seeds.textProperty().bindBidirectional(vm.seeds());
        seeds.setPrefColumnCount(8);
        Spinner<Integer> pool = new Spinner<>(1, 256, vm.threads().get());
        pool.valueProperty().addListener((o, a, b) -> vm.threads().set(b));
        pool.setPrefWidth(80);
        Button run = new Button("Compare");
        run.setId("compare-start");
        run.disableProperty().bind(vm.running().or(Bindings.isNull(session.scenario())));
        run.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(vm.running().not());
        cancel.setOnAction(e -> vm.cancel());
        Button csv = new Button("Export table CSV…");
        csv.disableProperty().bind(Bindings.isEmpty(vm.rows()));
        csv.setOnAction(e -> dialogs.save("Export the comparison table", "compare-table.csv", List.of("csv"))
                .ifPresent(vm::exportTable));
        Button save = new Button("Save comparison…");
        save.disableProperty().bind(Bindings.isNull(vm.result()));
        save.setOnAction(e -> dialogs.folder("Save the comparison into a folder").ifPresent(vm::saveFolder));
        HBox form = new HBox(8, new Label("policies"), policies, new Label("seeds"), seeds, new Label("threads"), pool, run, cancel,
                csv, save);
        form.setAlignment(Pos.CENTER_LEFT);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.fraction());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.textProperty().bind(vm.status());
        status.setWrapText(true);
        VBox top = new VBox(8, form, bar, status);
        top.setPadding(new Insets(8));
        setTop(top);

        TableView<CompareRow> table = new TableView<>();
        table.setId("compare-table");
        table.setPlaceholder(new Label("Run a comparison to see each metric's mean over seeds with its 95 % interval"));
        Tables.show(table, vm.columns().get(), vm.rows());
        vm.columns().addListener((o, a, b) -> {
            table.getColumns().clear();
            Tables.show(table, b, vm.rows());
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        });
        java.util.function.Consumer<String> say = vm.status()::set;
        SplitPane charts = new SplitPane(new ChartPane("compare-jct-cdf", vm.jctCdf(), dialogs, threads, say),
                new ChartPane("compare-wait-cdf", vm.waitCdf(), dialogs, threads, say));
        SplitPane split = new SplitPane(table, charts);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.36);
        VBox.setVgrow(split, Priority.ALWAYS);
        setCenter(split);
    }
}
