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
 */
public record JobRecord(String id, String tenant, String state, int gpus, String gpuType, long submitNs,
                        OptionalLong startNs, OptionalLong endNs, String placement, long iterations,
                        double iterationsDone, double iterationTimeS, double modelTflopsPerGpu, double mfu,
                        double costUsd, double energyKWh, int preemptions, String reason) {

    public OptionalLong waitNs() {
        return startNs.isPresent() ? OptionalLong.of(startNs.getAsLong() - submitNs) : OptionalLong.empty();
    }

    public OptionalLong jctNs() {
        return endNs.isPresent() ? OptionalLong.of(endNs.getAsLong() - submitNs) : OptionalLong.empty();
    }
}
