package dev.fleetsim.engine.scenario;

/**
 * What a preemption costs a training job. A running job writes a checkpoint every
 * {@code checkpointIntervalNs} of its run (counted from the moment it makes progress); a
 * preempted job is killed, loses the work done since its last checkpoint, and when it starts
 * again holds its GPUs for {@code restartOverheadNs} (loading the checkpoint, rebuilding the
 * communicators) before it makes progress. An interval of zero means a checkpoint is taken at
 * the moment of preemption, so no work is lost. Writing a checkpoint takes {@code checkpointCostNs}
 * of run time without progress (with a positive interval), so a job that fails often trades
 * that cost against the work it loses ({@link dev.fleetsim.engine.faults.YoungDaly}).
 *
 * @param checkpointIntervalNs progress time between checkpoints, ≥ 0
 * @param restartOverheadNs time a resumed job holds its GPUs before it makes progress, ≥ 0
 * @param checkpointCostNs run time one checkpoint write takes, ≥ 0; ignored with a zero interval
 */
public record PreemptionSpec(long checkpointIntervalNs, long restartOverheadNs, long checkpointCostNs) {
    /** Free preemption: nothing lost, no restart delay. */
    public static final PreemptionSpec FREE = new PreemptionSpec(0, 0, 0);

    public PreemptionSpec {
        if (checkpointIntervalNs < 0 || restartOverheadNs < 0 || checkpointCostNs < 0) {
            throw new IllegalArgumentException("checkpoint interval, restart overhead and checkpoint cost must be ≥ 0");
        }
    }

    /** Checkpoints that cost nothing to write. */
    public PreemptionSpec(long checkpointIntervalNs, long restartOverheadNs) {
        this(checkpointIntervalNs, restartOverheadNs, 0);
    }

    /** Run time over progress time: each interval of progress is followed by a checkpoint write. */
    public double checkpointStretch() {
        return checkpointIntervalNs > 0 ? 1 + (double) checkpointCostNs / checkpointIntervalNs : 1;
    }
}
