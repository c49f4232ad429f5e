package dev.fleetsim.calibration.run;

/**
 * What a calibration run reports while it works (the CLI draws a progress bar from it), and
 * its cancel flag.
 */
public interface RunListener {

    /** A one-line message (building, a unit resumed from an earlier run, a missing library). */
    void message(String text);

    /** Unit {@code index} of {@code total} starts with a budget of {@code budgetS} seconds. */
    void unitStarted(String unit, int index, int total, double budgetS);

    /** {@code done} of {@code planned} points of the running unit are measured ({@code planned} 0 until known). */
    void progress(String unit, int done, int planned, double elapsedS, double totalElapsedS, double totalBudgetS);

    /** A unit ended. */
    void unitFinished(UnitOutcome outcome);

    /** Whether the user asked to stop (Ctrl-C). */
    boolean cancelled();
}
