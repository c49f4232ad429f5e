package dev.fleetsim.cli;

import dev.fleetsim.engine.compare.ComparisonProgress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The progress bar of {@code fleetsim compare}: the mean progress of all runs and how many are
 * done, redrawn at most ten times a second from whichever run thread reports; silent off a
 * terminal. Also the comparison's cancel flag, which Ctrl-C sets.
 */
final class CompareProgress implements ComparisonProgress {
    private final PrintStream out;
    private final boolean enabled;
    private final double[] fractions;
    private final int threads;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastDrawMs;
    private boolean drawn;

    CompareProgress(PrintStream out, boolean enabled, int runs, int threads) {
        this.out = out;
        this.enabled = enabled;
        this.fractions = new double[runs];
        this.threads = threads;
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public synchronized void runProgress(int run, double fraction) {
        fractions[run] = fraction;
        if (!enabled) {
            return;
        }
        long now = System.currentTimeMillis();
        if (fraction < 1.0 && now - lastDrawMs < 100) {
            return;
        }
        lastDrawMs = now;
        double sum = 0;
        int done = 0;
        for (double f : fractions) {
            sum += f;
            done += f >= 1.0 ? 1 : 0;
        }
        double total = sum / fractions.length;
        out.print(String.format(Locale.ROOT, "\r%s %5.1f%%  runs done %d/%d on %d thread%s ", ProgressBar.bar(total),
                100 * total, done, fractions.length, threads, threads == 1 ? "" : "s"));
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line so that later output starts on a fresh one. */
    synchronized void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
