package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.TrainingJobSpec;

/** Test access to the perf model's package-private sizes. */
public final class MemoryModelAccess {
    private MemoryModelAccess() {
    }

    /** The DP gradient bytes {@link IterationTraffic} all-reduces per group: one stage's, per TP rank. */
    public static double gradientBytes(TrainingJobSpec job) {
        return Math.round(MemoryModel.stageParams(job) * job.precision().bytesPerElement());
    }
}
