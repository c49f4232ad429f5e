package dev.fleetsim.bench;

import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.RateUpdate;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;
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
import java.util.concurrent.TimeUnit;

/**
 * One incremental max-min update of a {@code FlowNetwork} (the machinery under the idle costing
 * and under the run's bound on average demands; {@link BurstSharingBenchmark} times the run's
 * whole update): a 16,384-GPU fat-tree ({@link FragmentedCluster}: 2,048 DGX-H100 nodes,
 * 8 x 400 Gb/s NICs, 16 nodes a leaf, full bisection, 128 spines) with
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
    private static final int JOBS = 1000;

    /** 0 = uncapped flows; otherwise each flow is capped at this fraction of a NIC's effective rate. */
    @Param({"0", "0.3"})
    double duty;

    private FlowNetwork net;
    private CollectivePlanner planner;
    private FragmentedCluster cluster;
    private List<int[]> jobNodes;
    private List<int[]> jobFlows;
    private double capBytesPerS;
    private long key;
    private int victim;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = new FragmentedCluster(1.0, 42);
        NetworkGraph g = cluster.graph;
        planner = new CollectivePlanner(new Routing(g), CollectiveTuning.defaults());
        net = new FlowNetwork(g);
        capBytesPerS = duty > 0 ? duty * 400e9 / 8 * g.gpuSpecOfGpu(0).efficiency().nic() : FlowNetwork.UNCAPPED;
        jobNodes = new ArrayList<>();
        jobFlows = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            int[] nodes = cluster.takeJobNodes();
            jobNodes.add(nodes);
            jobFlows.add(start(nodes).addedFlowIds());
        }
    }

    @Setup(Level.Invocation)
    public void pickVictim() {
        victim = cluster.random().nextInt(JOBS);
    }

    /** One job finishing then one starting on a fresh placement: two updates, timed together. */
    @Benchmark
    public RateUpdate finishAndStart() {
        net.removeFlows(jobFlows.get(victim));
        cluster.release(jobNodes.get(victim));
        int[] nodes = cluster.takeJobNodes();
        RateUpdate up = start(nodes);
        jobNodes.set(victim, nodes);
        jobFlows.set(victim, up.addedFlowIds());
        return up;
    }

    private RateUpdate start(int[] nodes) {
        CollectivePhase ph = planner.ringAllReduce(FragmentedCluster.gpusOf(nodes), 1L << 30, (key++) << 20).phases().get(0);
        double[] caps = new double[ph.flowCount()];
        Arrays.fill(caps, capBytesPerS);
        return net.addFlows(ph.paths(), caps);
    }
}
