package dev.fleetsim.desktop.run;

import dev.fleetsim.desktop.DesktopSession;
import dev.fleetsim.desktop.FileDialogs;
import dev.fleetsim.desktop.Threads;
import dev.fleetsim.desktop.chart.Look;
import dev.fleetsim.desktop.chart.TimeCharts;
import dev.fleetsim.desktop.fx.ChartPane;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The run screen: start, pause, resume and cancel; a progress bar with simulated time, jobs
 * ended and the time left; live charts of GPUs, jobs, power and cost, fed in batches at most ten
 * times a second.
 */
public final class RunView extends BorderPane {
    private final LiveRedraw redraw;

    public RunView(RunViewModel vm, DesktopSession session, FileDialogs dialogs, Threads threads) {
        setId("run");
        Button start = button("Start", "start", vm::start);
        start.disableProperty().bind(vm.canStart().not());
        Button pause = button("Pause", "pause", vm::pause);
        pause.disableProperty().bind(vm.canPause().not());
        Button resume = button("Resume", "resume", vm::resume);
        resume.disableProperty().bind(vm.canResume().not());
        Button cancel = button("Cancel", "cancel", vm::cancel);
        cancel.disableProperty().bind(vm.canCancel().not());
        Button results = button("Show results", "show-results", () -> session.show("results"));
        results.disableProperty().bind(vm.state().isNotEqualTo(RunViewModel.State.FINISHED));
        Label scenario = new Label();
        scenario.textProperty().bind(Bindings.createStringBinding(() -> session.scenario().get() == null
                ? "The editor's scenario has " + session.problems().get() + " problem(s): fix them to run it"
                : "Scenario " + session.scenario().get().name() + " from " + session.scenarioSource().get(),
                session.scenario(), session.problems(), session.scenarioSource()));
        scenario.getStyleClass().add("muted");
        HBox buttons = new HBox(8, start, pause, resume, cancel, results, scenario);
        buttons.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.progressProperty().bind(vm.fraction());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label state = label(Bindings.convert(vm.state()), "run-state");
        state.getStyleClass().add("section-title");
        HBox progress = new HBox(10, state, bar, label(vm.simulated(), "simulated"), label(vm.jobsText(), "jobs-ended"),
                label(vm.eta(), "eta"));
        progress.setAlignment(Pos.CENTER_LEFT);
        Label status = label(vm.status(), "run-status");
        Label now = label(vm.now(), "run-now");
        now.getStyleClass().add("muted");
        for (Label l : List.of(status, now)) {
            // a line that changes text must not change height: the charts below would resize and redraw
            l.setMinHeight(18);
            l.setPrefHeight(18);
            l.setMaxHeight(18);
        }
        VBox top = new VBox(8, buttons, progress, status, now);
        top.setPadding(new Insets(8));
        setTop(top);

        LiveSeries s = vm.series();
        java.util.function.Consumer<String> say = vm.status()::set;
        ChartPane gpus = ChartPane.fixed("live-gpus", TimeCharts.dense("GPUs", "allocated to jobs and computing", "GPUs", s.gpus(),
                List.of(Look.colour(0), Look.colour(2))), dialogs, threads, say);
        ChartPane jobs = ChartPane.fixed("live-jobs", TimeCharts.dense("Jobs", "queued and running", "jobs", s.jobs(),
                List.of(Look.colour(1), Look.colour(0))), dialogs, threads, say);
        ChartPane power = ChartPane.fixed("live-power-cost", TimeCharts.denseTwoAxes("Power and cost", "facility power and the fleet's "
                + "cumulative cost", "kW", s.power(), "USD", s.cost()), dialogs, threads, say);
        // The live charts redraw once per batch of samples, not once per point or series, and
        // one chart a frame, so a frame never pays for drawing all three.
        // the time axes follow the unit of the span so far (the series are rescaled to it)
        s.scale().addListener((o, a, b) -> List.of(gpus, jobs, power).forEach(p -> TimeCharts.relabel(p.chart(), b)));
        redraw = new LiveRedraw(List.of(gpus, jobs, power));
        s.version().addListener((o, a, b) -> redraw.changed());
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(0, 8, 8, 8));
        grid.add(gpus, 0, 0);
        grid.add(jobs, 1, 0);
        grid.add(power, 0, 1, 2, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        setCenter(grid);
    }

    /** True when the live charts show every sample that came (none waits for its frame): the tour's snapshot waits for it. */
    public boolean chartsDrawn() {
        return redraw.idle();
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label label(javafx.beans.value.ObservableValue<String> text, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setId(id);
        return l;
    }
}
