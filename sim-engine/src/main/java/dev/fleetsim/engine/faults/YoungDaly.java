package dev.fleetsim.engine.faults;

/**
 * The optimal checkpoint interval of a job that fails now and then (Young 1974; Daly 2006), in
 * the terms the simulator runs a training job with: it writes a checkpoint, taking
 * {@code cost} of its run time, after every {@code interval} of progress, so a checkpoint
 * period is {@code T = interval + cost}; a failure, at a uniformly random moment of a period,
 * loses on average {@code T / 2}, and the job then spends {@code restart} before it progresses
 * again. Per unit of run time the waste is {@code cost / T + (T / 2 + restart) / mtbf} to first
 * order, least at {@code T = sqrt(2 cost mtbf)}: Young's interval, and Daly's first-order form
 * {@code interval = sqrt(2 cost mtbf) − cost}.
 */
public final class YoungDaly {

    private YoungDaly() {
    }

    /** Young's period {@code sqrt(2 × cost × mtbf)}. */
    public static double youngPeriodNs(double checkpointCostNs, double mtbfNs) {
        return Math.sqrt(2 * checkpointCostNs * mtbfNs);
    }

    /** Daly's first-order optimal interval between checkpoints, progress time: {@code sqrt(2 cost mtbf) − cost}. */
    public static double optimalIntervalNs(double checkpointCostNs, double mtbfNs) {
        return Math.max(0, youngPeriodNs(checkpointCostNs, mtbfNs) - checkpointCostNs);
    }

    /** Expected fraction of run time wasted (checkpoint writes, lost work, restarts), first order in {@code 1 / mtbf}. */
    public static double expectedWaste(double intervalNs, double checkpointCostNs, double restartNs, double mtbfNs) {
        double period = intervalNs + checkpointCostNs;
        return checkpointCostNs / period + (period / 2 + restartNs) / mtbfNs;
    }
}
