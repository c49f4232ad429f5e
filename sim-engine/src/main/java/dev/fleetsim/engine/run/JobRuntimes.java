package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.cluster.JobFit;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.observe.LinkLoad;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.WorkReference;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The runtimes of one run's job kinds, and the one place a job spec is matched to its kind
 * (with {@code instanceof} over the sealed {@link JobSpec}). Adding a kind adds a runtime field,
 * a branch in {@link #create} and one in {@link #fit}.
 */
final class JobRuntimes {
    private final Admission admission;
    private final TrainingRuntime training;
    private final ReferenceSpeeds reference;
    private final ServingRuntime serving;

    JobRuntimes(ScenarioSpec scenario, Topology topology, PerformanceModels models, RunHooks hooks) {
        StepTimeModel trainingModel = models.training().apply(topology);
        this.admission = Admission.of(topology, fit(trainingModel));
        this.training = new TrainingRuntime(topology, trainingModel, admission, scenario.policy().preemption(), hooks);
        this.reference = new ReferenceSpeeds(scenario.hardware(), models.training());
        this.serving = new ServingRuntime(scenario, topology, hooks, training.network());
    }

    /** Each kind's fit check, for {@link Admission}. */
    static JobFit fit(StepTimeModel trainingModel) {
        JobFit training = TrainingFit.of(trainingModel);
        JobFit serving = ServingFit.of();
        return (job, gpu) -> {
            if (job instanceof TrainingJobSpec) {
                return training.problems(job, gpu);
            }
            if (job instanceof ServingReplicaSpec) {
                return serving.problems(job, gpu);
            }
            throw unknownKind(job);
        };
    }

    /** The run begins: deployments schedule their starts on the run's clock. */
    void start() {
        serving.start();
    }

    /** The deployments' progress through their streams' expected time, in [0, 1]; -1 without deployments. */
    double servingProgress(long nowNs) {
        return serving.progress(nowNs);
    }

    /** What every deployment measured, at the end of the run. */
    List<ServiceResult> serviceResults(long endNs, int points) {
        return serving.results(endNs, points);
    }

    Admission admission() {
        return admission;
    }

    /** The runtime state of a submitted job, with the admission's verdict on where it may run. */
    Job create(int index, JobSpec spec) {
        Admission.Verdict verdict = admission.admit(spec);
        if (spec instanceof TrainingJobSpec) {
            return training.create(index, (TrainingJobSpec) spec, verdict);
        }
        if (spec instanceof ServingReplicaSpec) {
            return serving.create(index, (ServingReplicaSpec) spec, verdict);
        }
        throw unknownKind(spec);
    }

    /** A training shape's ideal iteration time (0 when it cannot run). */
    double idealIterationTimeS(TrainingJobSpec shape) {
        return training.idealIterationTimeS(shape);
    }

    /**
     * The iteration time that turns a trace generator's drawn durations into iterations: the
     * shape on the generator's reference hardware, or its ideal iteration time on this cluster
     * for {@link WorkReference#ON_CLUSTER}.
     */
    ToDoubleFunction<TrainingJobSpec> traceIterationTimes(TraceGeneratorSpec generator) {
        WorkReference ref = generator.reference();
        if (ref.onCluster()) {
            return training::idealIterationTimeS;
        }
        return shape -> reference.iterationTimeS(shape, ref);
    }

    long networkUpdates() {
        return training.networkUpdates();
    }

    long paceChanges() {
        return training.paceChanges();
    }

    List<LinkRecord> links(long endNs) {
        return training.links(endNs);
    }

    List<LinkLoad> linkLoads() {
        return training.linkLoads();
    }

    private static IllegalArgumentException unknownKind(JobSpec spec) {
        return new IllegalArgumentException("job " + spec.id() + ": no runtime for jobs of kind " + spec.kind().key());
    }
}
