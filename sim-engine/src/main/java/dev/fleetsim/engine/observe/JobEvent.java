package dev.fleetsim.engine.observe;

/**
 * A job's life changed: it started (or resumed) on GPUs, was preempted back into the queue,
 * finished, or was rejected because no GPU type of the cluster can hold it.
 *
 * @param timeNs simulated time
 * @param type what happened
 * @param jobId the job
 * @param tenant its owner
 * @param gpuIds the GPUs it took (started) or gave back (preempted, finished); empty when rejected
 */
public record JobEvent(long timeNs, Type type, String jobId, String tenant, int[] gpuIds) {

    /** What happened to the job. */
    public enum Type { STARTED, PREEMPTED, FINISHED, REJECTED }

    public JobEvent {
        gpuIds = gpuIds.clone();
    }

    @Override
    public int[] gpuIds() {
        return gpuIds.clone();
    }
}
