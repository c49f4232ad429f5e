package dev.fleetsim.engine.scheduling;

/**
 * A running job as a policy sees it.
 *
 * @param id job id
 * @param startTimeNs when it started
 * @param gpus how many GPUs it holds
 * @param fractionDone progress in [0, 1] at the time of the scheduling round
 * @param expectedEndNs when it will end at its current rate
 */
public record RunningJobView(String id, long startTimeNs, int gpus, double fractionDone, long expectedEndNs) {
}
