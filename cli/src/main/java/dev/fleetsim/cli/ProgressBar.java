package dev.fleetsim.cli;

import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.scenario.Units;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-line progress bar on a terminal (redrawn at most ten times a second), silent when the
 * output is not a terminal; also the run's cancel flag, which Ctrl-C sets. One observer of the
 * run: it takes progress and no samples.
 */
final class ProgressBar implements SimulationObserver {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean enabled;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastDrawMs;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    static boolean onTerminal() {
        return System.console() != null;
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public SampleRate sampleRate() {
        return SampleRate.NONE;
    }

    @Override
    public void progress(RunProgress p) {
        if (!enabled) {
            return;
        }
        long now = System.currentTimeMillis();
        double fraction = p.fraction();
        if (fraction < 1.0 && now - lastDrawMs < 100) {
            return;
        }
        lastDrawMs = now;
        out.print(String.format(Locale.ROOT, "\r%s %5.1f%%  simulated %-9s  jobs ended %d/%d ", bar(fraction), 100 * fraction,
                Units.formatDuration(p.simulatedNowNs()), p.jobsEnded(), p.jobsTotal()));
        out.flush();
        drawn = true;
    }

    /** The bar itself, {@code [#####-----]}, for a fraction in [0, 1]. */
    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
    }

    /** Ends the bar's line so that later output starts on a fresh one. */
    void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
