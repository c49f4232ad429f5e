package dev.fleetsim.policies;

import dev.fleetsim.engine.perf.MemoryBreakdown;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/** Every iteration takes the same time on any placement, so expected results are plain arithmetic. */
final class FixedStepModel implements StepTimeModel {
    private final double iterationTimeS;
    private final double computeFraction;

    FixedStepModel(double iterationTimeS, double computeFraction) {
        this.iterationTimeS = iterationTimeS;
        this.computeFraction = computeFraction;
    }

    @Override
    public StepEstimate estimate(TrainingJobSpec job, Topology topology, int[] gpus) {
        double compute = iterationTimeS * computeFraction;
        return new StepEstimate(iterationTimeS, compute, 0, iterationTimeS - compute, 0, 0, 0, gpus.length,
                job.tokensPerIteration(), 1e15, 1e15, 1e15, memory(job, topology.gpuSpecOf(gpus[0])));
    }

    @Override
    public MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        return new MemoryBreakdown(1, 0, 0, 0, 0, gpu.hbmBytes());
    }
}
