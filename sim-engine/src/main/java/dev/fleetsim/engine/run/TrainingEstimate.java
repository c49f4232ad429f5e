package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * A training job's step time on its ideal placement (first fit on the idle cluster), without a
 * simulation: what {@code fleetsim estimate} prints and exactly what a run records as the job's
 * ideal iteration time.
 *
 * @param job the job
 * @param gpuType the GPU type it was placed on (its first feasible type)
 * @param gpus the GPU ids, in rank order
 * @param placement the GPUs node by node, e.g. {@code n0[0-7] n1[0-7]}
 * @param estimate the step-time model's estimate there
 */
public record TrainingEstimate(TrainingJobSpec job, String gpuType, int[] gpus, String placement, StepEstimate estimate) {
    public TrainingEstimate {
        gpus = gpus.clone();
    }

    @Override
    public int[] gpus() {
        return gpus.clone();
    }

    /**
     * The ideal estimate of {@code job} on the scenario's cluster under {@code models}.
     *
     * @throws JobNotPlaceableException when no GPU type of the cluster can hold it, with the reasons
     */
    public static TrainingEstimate of(ScenarioSpec scenario, PerformanceModels models, TrainingJobSpec job) {
        Topology topology = Topology.build(scenario.cluster(), scenario.hardware());
        StepTimeModel model = models.training().apply(topology);
        Admission admission = Admission.of(topology, JobRuntimes.fit(model));
        IdealSpeeds.Ideal ideal = new IdealSpeeds(topology, model, admission).of(job)
                .orElseThrow(() -> new JobNotPlaceableException(job.id(), admission.admit(job).reason()));
        return new TrainingEstimate(job, topology.gpuSpecOf(ideal.gpus()[0]).name(), ideal.gpus(),
                Placements.describe(topology, ideal.gpus()), ideal.estimate());
    }
}
