package dev.fleetsim.engine.scheduling;

/**
 * A running job as a policy sees it: its {@link JobTraits} and its current run. The GPU ids are
 * a copy, so a policy cannot change the engine's record of where the job runs.
 *
 * @param job what the job is and asks for
 * @param startTimeNs when its current run started
 * @param fractionDone progress in [0, 1] at the time of the scheduling round
 * @param expectedEndNs when it will end at its current rate (restart delay included)
 * @param attainedGpuSeconds GPU-time received so far, this run included
 * @param gpuIds the GPUs it holds, in rank order
 * @param remainingIdealSeconds how long its remaining work takes on its ideal placement
 * @param ranSeconds time it has held GPUs so far, this run included
 */
public record RunningJobView(JobTraits job, long startTimeNs, double fractionDone, long expectedEndNs,
                             double attainedGpuSeconds, int[] gpuIds, double remainingIdealSeconds, double ranSeconds)
        implements SchedulableJob {
    public RunningJobView {
        gpuIds = gpuIds.clone();
    }

    @Override
    public int[] gpuIds() {
        return gpuIds.clone();
    }
}
