package dev.fleetsim.desktop.fx;

import dev.fleetsim.desktop.AppContext;
import dev.fleetsim.desktop.MainView;
import dev.fleetsim.desktop.Screens;
import dev.fleetsim.desktop.run.RunViewModel;
import javafx.application.Platform;

import java.nio.file.Path;

/**
 * {@code fleetsim desktop --measure-pauses FILE}: opens the scenario, runs it on the run screen
 * with its live charts while an {@link FxPauseProbe} watches the UI thread, prints the longest
 * pause during the run, then shows the results (their charts built and drawn) and prints the
 * longest pause of that phase too, and quits. docs/PERFORMANCE.md records the figures.
 */
public final class PauseMeasurement {
    private final AppContext c;
    private final MainView main;
    private final Path file;

    public PauseMeasurement(AppContext c, MainView main, Path file) {
        this.c = c;
        this.main = main;
        this.file = file;
    }

    public void start() {
        FxPauseProbe running = new FxPauseProbe();
        FxPauseProbe showing = new FxPauseProbe();
        long[] wall = new long[2];
        Steps s = new Steps(60 * 60_000L, msg -> {
            System.err.println("fleetsim desktop --measure-pauses: " + msg);
            Platform.exit();
            System.exit(1);
        });
        s.then("open", () -> c.editor().open(file), () -> c.session().scenario().get() != null)
                .then("run", () -> {
                    main.show(Screens.RUN);
                    running.start();
                    wall[0] = System.nanoTime();
                    c.run().start();
                }, () -> c.run().state().get() == RunViewModel.State.FINISHED || c.run().state().get() == RunViewModel.State.FAILED)
                .then("results", () -> {
                    running.stop();
                    wall[0] = System.nanoTime() - wall[0];
                    showing.start();
                    wall[1] = System.nanoTime();
                    main.show(Screens.RESULTS);
                }, () -> c.results().charts().chart("node-heatmap").get() != null
                        && c.results().charts().chart("gpu-timeline").get() != null)
                .then("draw results", () -> c.resultsView().showTab("Heatmap"))
                .then("done", () -> {
                    showing.stop();
                    wall[1] = System.nanoTime() - wall[1];
                    System.out.printf(java.util.Locale.ROOT, "run of %s: %s; %.1f s wall; %s%n", file, c.run().state().get(),
                            wall[0] / 1e9, running);
                    System.out.printf(java.util.Locale.ROOT, "results shown: %.1f s wall; %s%n", wall[1] / 1e9, showing);
                    Platform.exit();
                });
        s.run();
    }
}
