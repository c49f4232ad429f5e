package dev.fleetsim.engine.scheduling;

/**
 * A queued job as a policy sees it: its {@link JobTraits} and where it stands now. The same for
 * every job kind.
 *
 * @param job what the job is and asks for
 * @param remainingIdealSeconds how long the work it has left takes on its ideal placement (its whole
 *                              {@code idealRunSeconds} unless it was preempted after some progress that a
 *                              checkpoint kept)
 * @param attainedGpuSeconds GPU-time the job has received so far (GPUs × time held, all runs, restarts included)
 * @param queuedSinceNs when it last entered the queue (its submit time, or the time it was last preempted)
 * @param ranSeconds time it has held GPUs so far, all runs
 */
public record JobView(JobTraits job, double remainingIdealSeconds, double attainedGpuSeconds, long queuedSinceNs,
                      double ranSeconds) implements SchedulableJob {

    /** A fresh submission: nothing done yet, queued since its submit time. */
    public static JobView submitted(JobTraits job) {
        return new JobView(job, job.idealRunSeconds(), 0, job.submitTimeNs(), 0);
    }
}
