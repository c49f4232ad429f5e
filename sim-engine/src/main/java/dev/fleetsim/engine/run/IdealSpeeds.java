package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.PerShape;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.Optional;

/**
 * Each training job shape's ideal placement ({@link Admission#idealPlacement}) and the step-time
 * model's estimate there, once per shape. The run records the estimate's iteration time as the
 * job's ideal iteration time (the denominator of its slowdown, the length SJF orders by) and
 * {@code estimate} prints the same estimate, so the two can never disagree.
 */
final class IdealSpeeds {

    /** Where a job runs ideally and how fast. */
    record Ideal(int[] gpus, StepEstimate estimate) {
    }

    private final Topology topology;
    private final StepTimeModel model;
    private final Admission admission;
    private final PerShape<Optional<Ideal>> byShape = new PerShape<>();

    IdealSpeeds(Topology topology, StepTimeModel model, Admission admission) {
        this.topology = topology;
        this.model = model;
        this.admission = admission;
    }

    /** The job's ideal placement and estimate; empty when no GPU type of the cluster can hold it. */
    Optional<Ideal> of(TrainingJobSpec job) {
        return byShape.computeIfAbsent(job, j -> {
            TrainingJobSpec shape = (TrainingJobSpec) byShape.shapeOf(j);
            return admission.idealPlacement(shape).map(gpus -> new Ideal(gpus, model.estimate(shape, topology, gpus)));
        });
    }

    /** The ideal iteration time, 0 when the job cannot run. */
    double iterationTimeS(TrainingJobSpec job) {
        return of(job).map(i -> i.estimate().iterationTimeS()).orElse(0.0);
    }
}
