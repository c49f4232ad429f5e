package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.OptionalDouble;

/**
 * A running job as a policy sees it. The GPU ids are a copy, so a policy cannot change the
 * engine's record of where the job runs.
 *
 * @param id job id
 * @param spec the job as submitted
 * @param startTimeNs when its current run started
 * @param gpus how many GPUs it holds
 * @param fractionDone progress in [0, 1] at the time of the scheduling round
 * @param expectedEndNs when it will end at its current rate (restart delay included)
 * @param attainedGpuSeconds GPU-time received so far, this run included
 * @param gpuIds the GPUs it holds, in rank order
 * @param idealIterationTimeS its iteration time on a packed placement (as in {@link JobView})
 * @param ranSeconds time it has held GPUs so far, this run included
 */
public record RunningJobView(String id, TrainingJobSpec spec, long startTimeNs, int gpus, double fractionDone,
                             long expectedEndNs, double attainedGpuSeconds, int[] gpuIds, double idealIterationTimeS,
                             double ranSeconds) {
    public RunningJobView {
        gpuIds = gpuIds.clone();
    }

    /** A view without GPU ids or speed, for tests that build views by hand. */
    public RunningJobView(String id, TrainingJobSpec spec, long startTimeNs, int gpus, double fractionDone,
                          long expectedEndNs, double attainedGpuSeconds) {
        this(id, spec, startTimeNs, gpus, fractionDone, expectedEndNs, attainedGpuSeconds, new int[0], 0,
                attainedGpuSeconds / Math.max(1, gpus));
    }

    @Override
    public int[] gpuIds() {
        return gpuIds.clone();
    }

    /** Seconds its remaining iterations take at the ideal iteration time. */
    public double remainingIdealSeconds() {
        return Math.max(0, 1 - fractionDone) * spec.iterations() * idealIterationTimeS;
    }

    /** The user's estimate minus the time already run; empty when the job has no estimate. */
    public OptionalDouble remainingEstimateSeconds() {
        return spec.estimateNs().isPresent()
                ? OptionalDouble.of(Math.max(0, spec.estimateNs().getAsLong() / 1e9 - ranSeconds)) : OptionalDouble.empty();
    }
}
