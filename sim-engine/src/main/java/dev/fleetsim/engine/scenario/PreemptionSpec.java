package dev.fleetsim.engine.scenario;

/**
 * What a preemption costs a training job. A running job writes a checkpoint every
 * {@code checkpointIntervalNs} of its run (counted from the moment it makes progress); a
 * preempted job is killed, loses the work done since its last checkpoint, and when it starts
 * again holds its GPUs for {@code restartOverheadNs} (loading the checkpoint, rebuilding the
 * communicators) before it makes progress. An interval of zero means a checkpoint is taken at
 * the moment of preemption, so no work is lost.
 *
 * @param checkpointIntervalNs time between checkpoints, ≥ 0
 * @param restartOverheadNs time a resumed job holds its GPUs before it makes progress, ≥ 0
 */
public record PreemptionSpec(long checkpointIntervalNs, long restartOverheadNs) {
    /** Free preemption: nothing lost, no restart delay. */
    public static final PreemptionSpec FREE = new PreemptionSpec(0, 0);

    public PreemptionSpec {
        if (checkpointIntervalNs < 0 || restartOverheadNs < 0) {
            throw new IllegalArgumentException("checkpoint interval and restart overhead must be ≥ 0");
        }
    }
}
