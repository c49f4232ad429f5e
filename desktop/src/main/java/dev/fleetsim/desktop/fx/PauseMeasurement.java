package dev.fleetsim.desktop.fx;

import dev.fleetsim.desktop.AppContext;
import dev.fleetsim.desktop.MainView;
import dev.fleetsim.desktop.Screens;
import dev.fleetsim.desktop.run.RunViewModel;
import javafx.application.Platform;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code fleetsim desktop --measure-pauses FILE}: opens the scenario, shows the run screen, runs it
 * with its live charts while an {@link FxPauseProbe} watches the UI thread, then shows the results
 * (the table filled, the heatmap drawn), and prints the probe's figures for the run (start to the
 * run's end) and for what follows (the results handed over and shown), then quits.
 * docs/PERFORMANCE.md records them.
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
        FxPauseProbe probe = new FxPauseProbe();
        long[] t = new long[3];
        c.run().state().addListener((o, a, b) -> {
            if (b == RunViewModel.State.FINISHED || b == RunViewModel.State.FAILED) {
                t[1] = System.nanoTime();
            }
        });
        Steps s = new Steps(60 * 60_000L, msg -> {
            System.err.println("fleetsim desktop --measure-pauses: " + msg);
            Platform.exit();
            System.exit(1);
        });
        s.then("open", () -> c.editor().open(file), () -> c.session().scenario().get() != null)
                .then("run screen", () -> main.show(Screens.RUN))
                .then("run", () -> {
                    probe.start();
                    t[0] = System.nanoTime();
                    c.run().start();
                }, () -> t[1] != 0)
                .then("results", () -> main.show(Screens.RESULTS),
                        () -> c.results().charts().chart("node-heatmap").get() != null)
                .then("heatmap", () -> c.resultsView().showTab("Heatmap"))
                .then("done", () -> {
                    t[2] = System.nanoTime();
                    probe.stop();
                    System.out.printf(Locale.ROOT, "machine: %d cores, load average %.2f at the end%n",
                            Runtime.getRuntime().availableProcessors(),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    System.out.printf(Locale.ROOT, "run of %s: %s in %.1f s wall; %s%n", file, c.run().state().get(),
                            (t[1] - t[0]) / 1e9, probe.report(t[0], t[1]));
                    System.out.printf(Locale.ROOT, "results handed over and shown: %.1f s wall; %s%n", (t[2] - t[1]) / 1e9,
                            probe.report(t[1], t[2]));
                    Platform.exit();
                });
        s.run();
    }
}
