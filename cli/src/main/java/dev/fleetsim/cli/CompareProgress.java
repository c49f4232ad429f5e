package dev.fleetsim.cli;

import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.experiment.SweepProgress;
import dev.fleetsim.engine.scenario.Units;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The progress of {@code fleetsim compare} and {@code fleetsim sweep}: the share of the work
 * done, points (runs) done and reused, and the time left, as a bar on a terminal (at most ten
 * redraws a second) or a line every few seconds elsewhere; also the cancel flag, which Ctrl-C
 * sets. The sweep runner calls it one thread at a time.
 */
final class CompareProgress implements SweepObserver {
    private final PrintStream out;
    private final ProgressBar.Mode mode;
    private final String what;
    private final int threads;
    private final long everyNs;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastDrawNs = System.nanoTime();
    private boolean drawn;
    private volatile SweepProgress last;

    /** @param what the unit of work in messages: "runs" for compare, "points" for a sweep */
    CompareProgress(PrintStream out, ProgressBar.Mode mode, String what, int threads) {
        this.out = out;
        this.mode = mode;
        this.what = what;
        this.threads = threads;
        this.everyNs = mode == ProgressBar.Mode.BAR ? 100_000_000L : ProgressBar.logEveryNs();
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    /** The latest progress reported, or null before the first. */
    SweepProgress last() {
        return last;
    }

    @Override
    public void progress(SweepProgress p) {
        last = p;
        if (mode == ProgressBar.Mode.OFF) {
            return;
        }
        long now = System.nanoTime();
        boolean last = p.done() == p.points();
        if (now - lastDrawNs < everyNs && !(last && mode == ProgressBar.Mode.BAR)) {
            return;
        }
        lastDrawNs = now;
        String state = String.format(Locale.ROOT, "%5.1f%%  %s done %d/%d%s on %d thread%s, %s", 100 * p.fraction(), what,
                p.done(), p.points(), p.reused() > 0 ? " (" + p.reused() + " reused)" : "", threads,
                threads == 1 ? "" : "s", eta(p));
        if (mode == ProgressBar.Mode.BAR) {
            out.print("\r" + ProgressBar.bar(p.fraction()) + " " + state + " ");
            drawn = true;
        } else {
            out.println("progress: " + state.trim());
        }
        out.flush();
    }

    static String eta(SweepProgress p) {
        if (p.done() == p.points()) {
            return String.format(Locale.ROOT, "took %s", Units.formatDuration((long) (p.elapsedS() * 1e9)));
        }
        if (Double.isNaN(p.etaS())) {
            return "ETA --";
        }
        return "ETA " + Units.formatDuration((long) (Math.max(1, p.etaS()) * 1e9));
    }

    /** Ends the bar's line so that later output starts on a fresh one. */
    void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
