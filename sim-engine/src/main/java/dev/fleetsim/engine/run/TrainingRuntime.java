package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.network.graph.LinkLabels;
import dev.fleetsim.engine.observe.LinkLoad;
import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;

/**
 * How training jobs run once the cluster run has given them GPUs: the step-time model paces
 * them (fluid progress, one completion event per rate change), preemptions cost them the work
 * since their last checkpoint and a restart ({@code policy.preemption}), and with the flow
 * network their collectives share links with the other jobs' ({@link NetworkCoupling}), which
 * re-paces them through {@link RunHooks#changeRate}.
 */
final class TrainingRuntime implements NetworkCoupling.PaceSink {
    private final Topology topology;
    private final StepTimeModel model;
    private final IdealSpeeds ideal;
    private final PreemptionSpec preemption;
    private final RunHooks hooks;
    /** The shared flow-level network; null when the step model costs jobs alone (analytic). */
    private final NetworkCoupling network;

    TrainingRuntime(Topology topology, StepTimeModel model, Admission admission, PreemptionSpec preemption,
                    RunHooks hooks) {
        this.topology = topology;
        this.model = model;
        this.ideal = new IdealSpeeds(topology, model, admission);
        this.preemption = preemption;
        this.hooks = hooks;
        this.network = model instanceof FlowStepModel ? new NetworkCoupling((FlowStepModel) model, this) : null;
    }

    /** The shared flow-level network the jobs are registered on; null when the step model is analytic. */
    NetworkCoupling network() {
        return network;
    }

    /** A submitted job with the admission's verdict: where it may run, how fast it runs ideally. */
    TrainingJob create(int index, TrainingJobSpec spec, Admission.Verdict verdict) {
        double idealS = verdict.admitted() ? ideal.iterationTimeS(spec) : 0;
        TrainingJob job = new TrainingJob(index, spec, JobTraits.of(spec, verdict.gpuTypes(), spec.iterations() * idealS),
                idealS, this);
        job.reason = verdict.reason();
        return job;
    }

    /** The ideal iteration time of a job shape (0 when it cannot run): trace jobs' lengths come from it. */
    double idealIterationTimeS(TrainingJobSpec shape) {
        return ideal.iterationTimeS(shape);
    }

    long restartOverheadNs() {
        return preemption.restartOverheadNs();
    }

    long checkpointIntervalNs() {
        return preemption.checkpointIntervalNs();
    }

    /** Run time over progress time while checkpoints are written ({@link PreemptionSpec#checkpointStretch}). */
    double checkpointStretch() {
        return preemption.checkpointStretch();
    }

    /** The job's iteration time on its GPUs, alone on the network. */
    StepEstimate estimate(TrainingJob job) {
        return model.estimate(job.spec, topology, job.gpus);
    }

    void started(TrainingJob job, long nowNs) {
        if (network != null) {
            network.started(job, nowNs);
        }
    }

    void stopped(TrainingJob job, long nowNs) {
        if (network != null) {
            network.stopped(job, nowNs);
        }
    }

    @Override
    public void changePace(TrainingJob job, StepEstimate paced) {
        hooks.changeRate(job, () -> job.pace(paced));
    }

    long networkUpdates() {
        return network == null ? 0 : network.updates();
    }

    long paceChanges() {
        return network == null ? 0 : network.paceChanges();
    }

    /** Every link that carried traffic, each labelled by what it connects ({@code node 12 NIC 3 -> leaf 1}). */
    List<LinkRecord> links(long endNs) {
        if (network == null) {
            return List.of();
        }
        LinkLabels labels = new LinkLabels(network.graph());
        return network.links(endNs).stream().map(l -> l.labelled(labels.label(l.link()))).toList();
    }

    List<LinkLoad> linkLoads() {
        return network == null ? List.of() : network.linkLoads();
    }
}
