package dev.fleetsim.bench;

import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.RateUpdate;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One max-min update of the shared network as the run loop makes it: a 16,384-GPU fat-tree
 * (2,048 DGX-H100 nodes, 8 x 400 Gb/s NICs, 16 nodes a leaf, full bisection, 128 spines) with
 * 1,000 running jobs of 8, 16 or 32 GPUs on random, fragmented placements, each running a ring
 * all-reduce; {@code finish} removes one job's flows, {@code start} plans and adds a new job on
 * the freed nodes (routing and planning included). Flows are either uncapped (every flow
 * bottlenecked somewhere: the worst case) or capped at their average demand as the run loop
 * caps training traffic ({@code duty}: the fraction of the idle NIC rate a flow asks for).
 * Sampled, so JMH prints the median (p0.50) of single updates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NetworkBenchmark {
    private static final int NODES = 2048;
    private static final int JOBS = 1000;

    /** 0 = uncapped flows; otherwise each flow is capped at this fraction of a NIC's effective rate. */
    @Param({"0", "0.3"})
    double duty;

    private FlowNetwork net;
    private CollectivePlanner planner;
    private SplittableRandom rnd;
    private List<Integer> freeNodes;
    private List<int[]> jobNodes;
    private List<int[]> jobFlows;
    private double capBytesPerS;
    private long key;
    private int victim;

    @Setup(Level.Trial)
    public void setUp() {
        ClusterSpec spec = new ClusterSpec(List.of(new NodeGroupSpec("dgx", "H100-SXM", NODES, 8, 8, 400e9 / 8)),
                new FabricSpec(16, 1.0, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 128, java.util.Optional.empty()));
        Topology topology = Topology.build(spec, HardwareCatalog.defaults());
        NetworkGraph g = NetworkGraph.build(topology, FabricLayout.of(topology));
        planner = new CollectivePlanner(new Routing(g), CollectiveTuning.defaults());
        net = new FlowNetwork(g);
        capBytesPerS = duty > 0 ? duty * 400e9 / 8 * topology.gpuSpecOf(0).efficiency().nic() : FlowNetwork.UNCAPPED;
        rnd = new SplittableRandom(42);
        freeNodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            freeNodes.add(n);
        }
        shuffle();
        jobNodes = new ArrayList<>();
        jobFlows = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            int[] nodes = take(jobSizeNodes());
            jobNodes.add(nodes);
            jobFlows.add(start(nodes).addedFlowIds());
        }
    }

    @Setup(Level.Invocation)
    public void pickVictim() {
        victim = rnd.nextInt(JOBS);
    }

    /** One job finishing then one starting on a fresh placement: two updates, timed together. */
    @Benchmark
    public RateUpdate finishAndStart() {
        net.removeFlows(jobFlows.get(victim));
        for (int n : jobNodes.get(victim)) {
            freeNodes.add(n);
        }
        shuffle();
        int[] nodes = take(jobSizeNodes());
        RateUpdate up = start(nodes);
        jobNodes.set(victim, nodes);
        jobFlows.set(victim, up.addedFlowIds());
        return up;
    }

    private RateUpdate start(int[] nodes) {
        int[] gpus = new int[nodes.length * 8];
        for (int i = 0; i < nodes.length; i++) {
            for (int k = 0; k < 8; k++) {
                gpus[i * 8 + k] = nodes[i] * 8 + k;
            }
        }
        CollectivePhase ph = planner.ringAllReduce(gpus, 1L << 30, (key++) << 20).phases().get(0);
        double[] caps = new double[ph.flowCount()];
        Arrays.fill(caps, capBytesPerS);
        return net.addFlows(ph.paths(), caps);
    }

    /** Jobs of 1, 2 or 4 nodes (8, 16, 32 GPUs) in proportions 50/30/20 %. */
    private int jobSizeNodes() {
        int p = rnd.nextInt(10);
        return p < 5 ? 1 : p < 8 ? 2 : 4;
    }

    private int[] take(int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = freeNodes.remove(freeNodes.size() - 1);
        }
        Arrays.sort(out);
        return out;
    }

    private void shuffle() {
        for (int i = freeNodes.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            freeNodes.set(i, freeNodes.set(j, freeNodes.get(i)));
        }
    }
}
