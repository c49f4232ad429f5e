package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.faults.FaultSpec;
import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.pricing.Purchase;
import dev.fleetsim.engine.pricing.SpotTerms;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Takes nodes out of service and brings them back: hardware failures (GPU, host, link, each
 * from its MTBF, {@link FaultSpec}) and spot reclaims ({@link SpotTerms}) of spot node groups.
 * Each node has its own random stream (from the scenario's seed and the node's index, so a
 * node's outages do not depend on the workload or on other nodes) and one pending event at a
 * time: its next failure, drawn from the exponential distribution of its total rate, or its
 * return. A node does not fail while it is out. Events grow with failures, not with time.
 */
final class NodeOutages {
    static final int GPU = 0;
    static final int NODE = 1;
    static final int LINK = 2;
    static final int SPOT = 3;

    private final Simulator sim;
    private final Topology topology;
    private final double[][] rates;
    private final long[][] repairs;
    private final double[] totalRate;
    private final SplittableRandom[] streams;
    private final EventHandle[] pending;
    private final long[] downSinceNs;
    private final int[] counts = new int[4];
    private double downNodeNs;
    private boolean stopped;

    NodeOutages(ScenarioSpec scenario, Topology topology, Simulator sim) {
        this.sim = sim;
        this.topology = topology;
        int n = topology.nodeCount();
        rates = new double[n][];
        repairs = new long[n][];
        totalRate = new double[n];
        streams = new SplittableRandom[n];
        pending = new EventHandle[n];
        downSinceNs = new long[n];
        FaultSpec faults = scenario.faults();
        long seed = scenario.simulation().seed() ^ 0x6f75_7461_6765_7321L; // "outages!": a stream apart from the workload's
        for (Topology.Node node : topology.nodes()) {
            NodeGroupSpec group = groupOf(scenario, node.group());
            double[] faultRates = faults.ratesPerNs(node.gpuCount(), group.nicsPerNode() > 0);
            long[] faultRepairs = faults.repairNs();
            double spotRate = 0;
            long spotReplacement = 0;
            if (group.purchase() == Purchase.SPOT) {
                SpotTerms spot = scenario.cost().prices(group.gpuType()).spot().orElseThrow();
                spotRate = 1.0 / spot.meanTimeToInterruptionNs();
                spotReplacement = spot.replacementNs();
            }
            int i = node.index();
            rates[i] = new double[] {faultRates[0], faultRates[1], faultRates[2], spotRate};
            repairs[i] = new long[] {faultRepairs[0], faultRepairs[1], faultRepairs[2], spotReplacement};
            totalRate[i] = faultRates[0] + faultRates[1] + faultRates[2] + spotRate;
            streams[i] = new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + i);
            downSinceNs[i] = -1;
        }
    }

    private static NodeGroupSpec groupOf(ScenarioSpec scenario, String name) {
        for (NodeGroupSpec g : scenario.cluster().nodeGroups()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        throw new IllegalStateException("no node group " + name);
    }

    /** Whether any node can go out of service. */
    boolean any() {
        for (double r : totalRate) {
            if (r > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Draws every node's first outage. At an outage each job holding a GPU of the node is
     * handed to {@code interrupt} (by job index, in index order), the node's GPUs are taken down,
     * and {@code changed} asks for a scheduling round; at its return the node is brought up and
     * {@code changed} runs again.
     */
    void start(ClusterState cluster, IntConsumer interrupt, Runnable changed) {
        IntConsumer down = node -> {
            Topology.Node n = topology.nodes().get(node);
            java.util.TreeSet<Integer> owners = new java.util.TreeSet<>();
            for (int g = n.firstGpu(); g < n.firstGpu() + n.gpuCount(); g++) {
                if (cluster.ownerOf(g) >= 0) {
                    owners.add(cluster.ownerOf(g));
                }
            }
            owners.forEach(interrupt::accept);
            cluster.takeDown(node);
            changed.run();
        };
        IntConsumer up = node -> {
            cluster.bringUp(node);
            changed.run();
        };
        for (int i = 0; i < totalRate.length; i++) {
            next(i, 0, down, up);
        }
    }

    private void next(int node, long fromNs, IntConsumer down, IntConsumer up) {
        if (stopped || totalRate[node] <= 0) {
            return;
        }
        double gap = -Math.log(1 - streams[node].nextDouble()) / totalRate[node];
        if (fromNs + gap >= SimTime.MAX_NS) {
            return;
        }
        pending[node] = sim.schedule(fromNs + (long) gap, s -> fail(node, down, up));
    }

    private void fail(int node, IntConsumer down, IntConsumer up) {
        long now = sim.nowNs();
        double pick = streams[node].nextDouble() * totalRate[node];
        int cause = 0;
        while (cause < 3 && pick >= rates[node][cause]) {
            pick -= rates[node][cause];
            cause++;
        }
        counts[cause]++;
        down.accept(node);
        downSinceNs[node] = now;
        pending[node] = sim.schedule(SimTime.add(now, repairs[node][cause]), s -> {
            downNodeNs += sim.nowNs() - downSinceNs[node];
            downSinceNs[node] = -1;
            up.accept(node);
            next(node, sim.nowNs(), down, up);
        });
    }

    /** No more outages (every job has ended): pending ones are dropped, so they do not stretch the run. */
    void stop() {
        stopped = true;
        for (int i = 0; i < pending.length; i++) {
            sim.cancel(pending[i]);
            pending[i] = null;
        }
    }

    /** Outage counts and node-hours out of service up to {@code endNs}. */
    RunSummary.Reliability summary(long endNs, double goodput) {
        double down = downNodeNs;
        for (long since : downSinceNs) {
            if (since >= 0 && endNs > since) {
                down += endNs - since;
            }
        }
        return new RunSummary.Reliability(counts[GPU], counts[NODE], counts[LINK], counts[SPOT], down / 3.6e12,
                Double.isNaN(goodput) ? null : goodput);
    }
}
