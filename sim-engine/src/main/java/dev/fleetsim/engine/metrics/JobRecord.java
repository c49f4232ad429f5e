package dev.fleetsim.engine.metrics;

import java.util.OptionalLong;

/**
 * One row of {@code jobs.csv}: what happened to a job. Times are simulated nanoseconds;
 * start and end are empty for a job that never started or never ended within the horizon.
 *
 * @param state FINISHED, RUNNING (at the horizon), QUEUED (at the horizon) or REJECTED
 * @param placement the nodes and GPUs it ran on, e.g. {@code n0[0-7] n1[0-7]}
 * @param iterationTimeS time of one iteration on its placement
 * @param modelTflopsPerGpu achieved model TFLOP/s per GPU (no recompute counted)
 * @param costUsd GPU-hours at the GPU type's price plus its energy
 * @param energyKWh facility energy (PUE included) of its GPUs while it ran
 * @param preemptions times a policy stopped it and put it back in the queue
 * @param runNs time it held GPUs, all runs (its GPU-time is {@code gpus × runNs}; restarts and lost work included)
 * @param lostWorkNs run time whose progress preemptions threw away (work since the last checkpoint)
 * @param restartNs time resumed runs spent restarting: GPUs held, no progress
 */
public record JobRecord(String id, String tenant, String state, int gpus, String gpuType, long submitNs,
                        OptionalLong startNs, OptionalLong endNs, String placement, long iterations,
                        double iterationsDone, double iterationTimeS, double modelTflopsPerGpu, double mfu,
                        double costUsd, double energyKWh, int preemptions, String reason, long runNs,
                        double lostWorkNs, long restartNs) {

    /** A record without the run-time breakdown (built outside a run, e.g. in tests of readers of records). */
    public JobRecord(String id, String tenant, String state, int gpus, String gpuType, long submitNs,
                     OptionalLong startNs, OptionalLong endNs, String placement, long iterations,
                     double iterationsDone, double iterationTimeS, double modelTflopsPerGpu, double mfu,
                     double costUsd, double energyKWh, int preemptions, String reason) {
        this(id, tenant, state, gpus, gpuType, submitNs, startNs, endNs, placement, iterations, iterationsDone,
                iterationTimeS, modelTflopsPerGpu, mfu, costUsd, energyKWh, preemptions, reason, 0, 0, 0);
    }

    public OptionalLong waitNs() {
        return startNs.isPresent() ? OptionalLong.of(startNs.getAsLong() - submitNs) : OptionalLong.empty();
    }

    public OptionalLong jctNs() {
        return endNs.isPresent() ? OptionalLong.of(endNs.getAsLong() - submitNs) : OptionalLong.empty();
    }
}
