package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * A running job as a policy sees it.
 *
 * @param id job id
 * @param spec the job as submitted
 * @param startTimeNs when its current run started
 * @param gpus how many GPUs it holds
 * @param fractionDone progress in [0, 1] at the time of the scheduling round
 * @param expectedEndNs when it will end at its current rate
 * @param attainedGpuSeconds GPU-time received so far, this run included
 */
public record RunningJobView(String id, TrainingJobSpec spec, long startTimeNs, int gpus, double fractionDone,
                             long expectedEndNs, double attainedGpuSeconds) {
}
