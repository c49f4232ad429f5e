package dev.fleetsim.cli;

import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.scenario.Units;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run's progress as one observer of it: on a terminal a one-line bar redrawn at most ten times
 * a second; elsewhere (CI, {@code nohup}, a pipe) a plain line every {@link Mode#LOG}
 * interval, so a long run never looks hung; or nothing. Also the run's cancel flag, which Ctrl-C
 * sets. It takes progress and no samples.
 */
final class ProgressBar implements SimulationObserver {
    private static final int WIDTH = 30;
    /** Seconds between two progress lines off a terminal ({@code FLEETSIM_PROGRESS_EVERY_S} overrides it). */
    static final double LOG_EVERY_S = 5;

    /** How progress is shown. */
    enum Mode { BAR, LOG, OFF }

    private final PrintStream out;
    private final Mode mode;
    private final long everyNs;
    private final long startNs = System.nanoTime();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastDrawNs;
    private boolean drawn;

    ProgressBar(PrintStream out, Mode mode) {
        this.out = out;
        this.mode = mode;
        this.everyNs = mode == Mode.BAR ? 100_000_000L : logEveryNs();
        this.lastDrawNs = startNs;
    }

    /** The bar on a terminal, a line every few seconds elsewhere, nothing when {@code quiet}. */
    static Mode mode(boolean quiet) {
        return quiet ? Mode.OFF : onTerminal() ? Mode.BAR : Mode.LOG;
    }

    static boolean onTerminal() {
        return System.console() != null;
    }

    /** The interval of progress lines off a terminal. */
    static long logEveryNs() {
        String v = System.getenv("FLEETSIM_PROGRESS_EVERY_S");
        double s = LOG_EVERY_S;
        if (v != null) {
            try {
                s = Math.max(0.1, Double.parseDouble(v.trim()));
            } catch (NumberFormatException ignored) {
                // keep the default: a progress interval is not worth refusing a run for
            }
        }
        return (long) (s * 1e9);
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
        if (mode == Mode.OFF) {
            return;
        }
        long now = System.nanoTime();
        double fraction = p.fraction();
        if (now - lastDrawNs < everyNs && (fraction < 1.0 || mode == Mode.LOG)) {
            return;
        }
        lastDrawNs = now;
        String state = String.format(Locale.ROOT, "%5.1f%%  simulated %-9s  jobs ended %d/%d", 100 * fraction,
                Units.formatDuration(p.simulatedNowNs()), p.jobsEnded(), p.jobsTotal());
        if (mode == Mode.BAR) {
            out.print("\r" + bar(fraction) + " " + state + " ");
            drawn = true;
        } else {
            out.println(String.format(Locale.ROOT, "progress: %s  (%.0f s elapsed)", state.trim(), (now - startNs) / 1e9));
        }
        out.flush();
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
