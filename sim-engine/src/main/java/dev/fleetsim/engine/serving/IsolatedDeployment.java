package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ServingReplicaSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployment alone on GPUs it owns: every replica it asks for is placed at once on the next
 * free group of {@code replicaGpus} (and waits when none is free), with no scheduler, no other
 * job and no cluster run. What {@code estimate serving} searches rates with and what the
 * validation runs engines at fixed batch with; the engine, model and metrics are the cluster
 * run's own.
 */
public final class IsolatedDeployment implements Deployment.Host {
    private final Simulator sim = new Simulator();
    private final Topology topology;
    private final AnalyticCollectiveModel comm;
    private final ArrayDeque<int[]> free = new ArrayDeque<>();
    private final ArrayDeque<ServingReplicaSpec> waiting = new ArrayDeque<>();
    private final Map<String, int[]> placed = new HashMap<>();
    private final Map<String, ServingReplicaSpec> specs = new HashMap<>();
    private Deployment deployment;

    private IsolatedDeployment(Topology topology, List<int[]> replicaGpus) {
        this.topology = topology;
        this.comm = new AnalyticCollectiveModel(topology);
        free.addAll(replicaGpus);
    }

    /**
     * Runs {@code service} to the end of its stream on {@code replicaGpus} (GPU ids of one replica
     * each, rank order) of {@code topology}, until {@code horizonNs} at the latest.
     */
    public static ServiceResult run(ServiceSpec service, Topology topology, List<int[]> replicaGpus, long seed,
                                    long horizonNs, int points) {
        IsolatedDeployment host = new IsolatedDeployment(topology, replicaGpus);
        Deployment d = service.mode() == ServingMode.FLUID
                ? new FluidService(service, host.sim, host, new RandomStreams(seed), 1.2, 0.12)
                : new Service(service, host.sim, host, new RandomStreams(seed), service.sampleRequests(), 1.2, 0.12);
        host.deployment = d;
        host.sim.schedule(service.startNs(), s -> d.start(s.nowNs()));
        host.sim.run(horizonNs);
        long end = Math.min(horizonNs, host.sim.nowNs());
        return d.outcome(end, points);
    }

    @Override
    public void submit(ServingReplicaSpec replica) {
        specs.put(replica.id(), replica);
        waiting.addLast(replica);
        sim.schedule(sim.nowNs(), s -> place());
    }

    private void place() {
        while (!waiting.isEmpty() && !free.isEmpty()) {
            ServingReplicaSpec r = waiting.pollFirst();
            int[] gpus = free.pollFirst();
            placed.put(r.id(), gpus);
            ServingModel model = ServingModel.of(r.service(), topology.gpuSpecOf(gpus[0]), comm, gpus);
            deployment.replicaStarted(r, model, gpus, sim.nowNs());
        }
    }

    @Override
    public void retire(String replicaId) {
        int[] gpus = placed.remove(replicaId);
        if (gpus != null) {
            deployment.replicaStopped(specs.get(replicaId), sim.nowNs());
            free.addLast(gpus);
            sim.schedule(sim.nowNs(), s -> place());
        } else {
            waiting.removeIf(r -> r.id().equals(replicaId));
        }
    }

    @Override
    public void computeFraction(String replicaId, double fraction) {
        // No cluster to report to.
    }

    @Override
    public double kvTransferSeconds(String fromReplica, int[] fromGpus, int[] toGpus, double bytesPerGpu) {
        double s = 0;
        for (int i = 0; i < Math.min(fromGpus.length, toGpus.length); i++) {
            s = Math.max(s, comm.sendRecvSeconds(fromGpus[i], toGpus[i], (long) Math.ceil(bytesPerGpu)));
        }
        return s;
    }
}
