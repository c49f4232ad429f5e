package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * Turns a training job on a placement into an iteration time, and checks its memory. The
 * simulator asks it once per job start (and again whenever what the job shares changes).
 */
public interface StepTimeModel {

    /** Iteration time of {@code job} on {@code gpus} (GPU ids in rank order, tensor-parallel rank fastest). */
    StepEstimate estimate(TrainingJobSpec job, Topology topology, int[] gpus);

    /** Per-GPU memory of {@code job} on a GPU type. */
    MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu);
}
