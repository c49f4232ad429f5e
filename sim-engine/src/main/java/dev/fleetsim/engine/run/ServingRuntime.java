package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.Admission;
import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.serving.Deployment;
import dev.fleetsim.engine.serving.FluidService;
import dev.fleetsim.engine.serving.Service;
import dev.fleetsim.engine.serving.ServingModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How serving replicas run once the cluster run has given them GPUs: each deployment of the
 * scenario ({@link Service} at iteration level, {@link FluidService} in the fluid mode) gets the
 * run's clock and its own random streams, submits its replicas through the run, and is told when
 * one starts (with the {@link ServingModel} of its actual GPUs: TP all-reduces on the collective
 * model of the run's topology) or stops. KV transfers between replicas are costed on the run's
 * flow network beside the training jobs' traffic ({@link SharedTransfers}) and load it in turn,
 * each prefill replica's as an average rate per window ({@link KvLoad}); so do the TP all-reduces
 * and stage hand-offs of a replica whose GPUs span nodes ({@link ReplicaComm}), which are slowed
 * by what their neighbours leave them. With the analytic network KV moves are costed on the same
 * collective model, rank by rank, and nothing loads the fabric.
 */
final class ServingRuntime implements Deployment.Host {
    private final ScenarioSpec scenario;
    private final Topology topology;
    private final AnalyticCollectiveModel comm;
    private final RunHooks hooks;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, ServingReplicaJob> jobs = new HashMap<>();
    /** KV moves on the flow network beside the training jobs' traffic; null with the analytic network. */
    private final SharedTransfers shared;
    /** The KV moves' and the replicas' collectives' load on the flow network; null with the analytic network. */
    private final KvLoad kvLoad;
    private final NetworkCoupling network;

    ServingRuntime(ScenarioSpec scenario, Topology topology, RunHooks hooks, NetworkCoupling network) {
        this.scenario = scenario;
        this.topology = topology;
        this.comm = new AnalyticCollectiveModel(topology);
        this.hooks = hooks;
        this.network = network;
        this.kvLoad = network == null ? null : new KvLoad(network);
        if (network != null) {
            network.onExternalContention(kvLoad::contentionMoved);
        }
        this.shared = network == null ? null : new SharedTransfers(network.graph(), network::loadBytesPerS, comm, kvLoad);
    }

    /** Creates every deployment and schedules its start. */
    void start() {
        RandomStreams streams = new RandomStreams(scenario.simulation().seed());
        for (ServiceSpec s : scenario.workload().services()) {
            Deployment d = s.mode() == ServingMode.FLUID
                    ? new FluidService(s, hooks.simulator(), this, streams, scenario.cost().pue(),
                    scenario.cost().electricityUsdPerKWh())
                    : new Service(s, hooks.simulator(), this, streams, s.sampleRequests(), scenario.cost().pue(),
                    scenario.cost().electricityUsdPerKWh());
            deployments.put(s.name(), d);
            hooks.simulator().schedule(s.startNs(), sim -> d.start(sim.nowNs()));
        }
    }

    ServingReplicaJob create(int index, ServingReplicaSpec spec, Admission.Verdict verdict) {
        Deployment d = deployments.get(spec.service().name());
        double expected = d == null ? 0 : d.expectedRunSeconds();
        ServingReplicaJob job = new ServingReplicaJob(index, spec, JobTraits.of(spec, verdict.gpuTypes(), expected), this);
        job.reason = verdict.reason();
        jobs.put(spec.id(), job);
        return job;
    }

    void started(ServingReplicaJob job, long nowNs) {
        ServingModel model = ServingModel.of(job.spec.service(), topology.gpuSpecOf(job.gpus[0]), comm, job.gpus);
        if (kvLoad != null) {
            ReplicaComm across = ReplicaComm.of(model, network.collectives(), job.gpus);
            if (across != null) {
                kvLoad.comm(job.index, job.spec.service().name(), across);
            }
        }
        deployments.get(job.spec.service().name()).replicaStarted(job.spec, model, job.gpus, nowNs);
    }

    void stopped(ServingReplicaJob job, long nowNs) {
        deployments.get(job.spec.service().name()).replicaStopped(job.spec, nowNs);
        if (kvLoad != null) {
            kvLoad.stopped(job.index, nowNs);
        }
    }

    @Override
    public void submit(ServingReplicaSpec replica) {
        hooks.submit(replica);
    }

    @Override
    public void retire(String replicaId) {
        hooks.retire(replicaId);
    }

    @Override
    public void computeFraction(String replicaId, double fraction) {
        ServingReplicaJob job = jobs.get(replicaId);
        if (job != null && job.state == JobState.RUNNING && job.computeFraction != fraction) {
            hooks.changeRate(job, () -> job.computeFraction = fraction);
        }
    }

    @Override
    public double kvTransferSeconds(String fromReplica, int[] fromGpus, int[] toGpus, double bytesPerGpu) {
        if (shared != null) {
            ServingReplicaJob from = jobs.get(fromReplica);
            return from == null ? shared.seconds(fromGpus, toGpus, bytesPerGpu)
                    : shared.seconds(from.index, from.spec.service().name(), fromGpus, toGpus, bytesPerGpu);
        }
        double s = 0;
        for (int i = 0; i < Math.min(fromGpus.length, toGpus.length); i++) {
            s = Math.max(s, comm.sendRecvSeconds(fromGpus[i], toGpus[i], (long) Math.ceil(bytesPerGpu)));
        }
        return s;
    }

    @Override
    public void iterated(String replicaId, long microBatches, long tokens) {
        ServingReplicaJob job = jobs.get(replicaId);
        if (kvLoad != null && job != null) {
            kvLoad.iterated(job.index, microBatches, tokens);
        }
    }

    @Override
    public void kvWindow(String service, long nowNs, long windowNs) {
        if (kvLoad != null) {
            kvLoad.window(service, nowNs, windowNs);
        }
    }

    /** Elapsed time over the latest expected end of a deployment's stream, at most 0.99; -1 without deployments. */
    double progress(long nowNs) {
        if (scenario.workload().services().isEmpty()) {
            return -1;
        }
        double end = 0;
        for (ServiceSpec s : scenario.workload().services()) {
            end = Math.max(end, s.startNs() + deployments.get(s.name()).expectedRunSeconds() * 1e9);
        }
        return end <= 0 ? 0 : Math.min(0.99, nowNs / end);
    }

    List<ServiceResult> results(long endNs, int points) {
        List<ServiceResult> out = new ArrayList<>();
        for (Deployment d : deployments.values()) {
            out.add(d.outcome(endNs, points));
        }
        return out;
    }
}
