package dev.fleetsim.cli.calibrate;

import dev.fleetsim.calibration.run.RunListener;
import dev.fleetsim.calibration.run.UnitOutcome;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The progress of a calibration run: on a terminal a bar redrawn at most ten times a second
 * (unit, points, the run's time against its budget); elsewhere (cron, a log file) one line per
 * unit. Also the run's cancel flag, which Ctrl-C sets.
 */
final class RunProgress implements RunListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean terminal;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastDrawMs;
    private boolean drawn;
    private int index;
    private int total;

    RunProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
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
    public void message(String text) {
        endLine();
        out.println(text);
    }

    @Override
    public void unitStarted(String unit, int index, int total, double budgetS) {
        this.index = index;
        this.total = total;
        if (!terminal) {
            out.printf(Locale.ROOT, "[%d/%d] %s (budget %.0f s)%n", index + 1, total, unit, budgetS);
        }
    }

    @Override
    public void progress(String unit, int done, int planned, double elapsedS, double totalElapsedS, double totalBudgetS) {
        if (!terminal) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastDrawMs < 100) {
            return;
        }
        lastDrawMs = now;
        double unitFraction = planned > 0 ? Math.min(1, done / (double) planned) : 0;
        double fraction = (index + unitFraction) / Math.max(1, total);
        int filled = (int) Math.round(fraction * WIDTH);
        out.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  %-10s %4d/%-4s points  %s of %s ", "#".repeat(filled), "-".repeat(WIDTH - filled),
                100 * fraction, unit, done, planned > 0 ? Integer.toString(planned) : "?", clock(totalElapsedS), clock(totalBudgetS));
        out.flush();
        drawn = true;
    }

    @Override
    public void unitFinished(UnitOutcome o) {
        if (!terminal && !o.status().equals("resumed")) {
            out.printf(Locale.ROOT, "      %s: %s, %d points in %.0f s%s%n", o.unit(), o.status(), o.points(), o.wallS(),
                    o.message().isEmpty() ? "" : " (" + o.message() + ")");
        }
    }

    void finish() {
        endLine();
    }

    private void endLine() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }

    private static String clock(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s" : t + "s";
    }
}
