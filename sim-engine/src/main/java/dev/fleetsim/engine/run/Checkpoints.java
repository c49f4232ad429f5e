package dev.fleetsim.engine.run;

/**
 * A job's checkpoint bookkeeping and what preemptions cost it. Within a run, checkpoints are
 * written every {@code intervalNs} of the time the run makes progress ({@code base + k ×
 * interval}); the job resumed from the last one, so that one counts too. The iteration count at
 * the latest checkpoint is updated whenever progress is accrued: the rate is constant between
 * two accruals, so a checkpoint inside that span is a linear interpolation. An interval of zero
 * is a checkpoint at every instant (nothing is lost).
 */
final class Checkpoints {
    private long baseNs;
    private long intervalNs;
    private double iterationsAtCheckpoint;
    /** Run time whose progress preemptions discarded (work redone later). */
    private double lostWorkNs;
    /** Time resumed runs spent restarting: GPUs held, no progress. */
    private long restartNs;

    void beginRun(long progressStartNs, long checkpointIntervalNs, double iterationsDone) {
        baseNs = progressStartNs;
        intervalNs = checkpointIntervalNs;
        iterationsAtCheckpoint = iterationsDone;
    }

    /** Progress went from {@code fromIterations} at {@code fromNs} to {@code toIterations} at {@code toNs}. */
    void advance(long fromNs, double fromIterations, long toNs, double toIterations, double iterationTimeNs) {
        if (intervalNs == 0) {
            iterationsAtCheckpoint = toIterations;
            return;
        }
        long last = baseNs + (toNs - baseNs) / intervalNs * intervalNs;
        if (last > fromNs) {
            iterationsAtCheckpoint = Math.min(toIterations, fromIterations + (last - fromNs) / iterationTimeNs);
        }
    }

    /**
     * The run ends by preemption at {@code nowNs}: the time spent restarting is counted, and the
     * iterations since the last checkpoint are lost. Returns the iterations the job keeps.
     */
    double preempt(long runStartNs, long nowNs, double iterationsDone, double iterationTimeNs) {
        restartNs += Math.max(0, Math.min(nowNs, baseNs) - runStartNs);
        double lost = Math.max(0, iterationsDone - iterationsAtCheckpoint);
        lostWorkNs += lost * iterationTimeNs;
        return iterationsDone - lost;
    }

    /** The run ends by completion: only its restart time is counted. */
    void finish(long runStartNs, long nowNs) {
        restartNs += Math.max(0, Math.min(nowNs, baseNs) - runStartNs);
    }

    double lostWorkNs() {
        return lostWorkNs;
    }

    long restartNs() {
        return restartNs;
    }

    /** Restart time of a run still going at {@code nowNs} (for the end of a run at the horizon). */
    long restartSoFarNs(long runStartNs, long nowNs) {
        return restartNs + Math.max(0, Math.min(nowNs, baseNs) - runStartNs);
    }
}
