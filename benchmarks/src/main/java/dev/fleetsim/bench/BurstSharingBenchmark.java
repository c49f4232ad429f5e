package dev.fleetsim.bench;

import dev.fleetsim.engine.network.burst.BurstSharing;
import dev.fleetsim.engine.network.burst.BurstTraffic;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.collective.IdleNetworkCoster;
import dev.fleetsim.engine.network.graph.LinkKind;
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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One update of the run's shared network as {@code NetworkCoupling} makes it since the burst
 * model: a job finishing (its traffic removed, every job it may have slowed re-timed) and a new
 * one starting on freed nodes (its ring planned and costed alone on the idle network, registered,
 * and it and every job it may slow re-timed). The fabric is {@link NetworkBenchmark}'s —
 * 16,384 GPUs, 2,048 DGX-H100 nodes, 16 nodes a leaf, 128 spines, 1,000 running ring all-reduce
 * jobs of 8-32 GPUs on random fragmented placements — with the leaves {@code oversubscription}:1;
 * each job bursts for {@code duty} of its iteration. Sampled: JMH prints the median of single
 * finish-and-start pairs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BurstSharingBenchmark {
    private static final int JOBS = 1000;

    @Param({"1", "4"})
    double oversubscription;

    /** Fraction of the iteration a job's all-reduce takes alone. */
    @Param({"0.3"})
    double duty;

    private FragmentedCluster cluster;
    private NetworkGraph graph;
    private CollectivePlanner planner;
    private IdleNetworkCoster coster;
    private BurstSharing sharing;
    private int[][] jobNodes;
    private int[] jobIds;
    private int nextId;
    private int victim;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = new FragmentedCluster(oversubscription, 42);
        graph = cluster.graph;
        planner = new CollectivePlanner(new Routing(graph), CollectiveTuning.defaults());
        coster = new IdleNetworkCoster(graph);
        sharing = new BurstSharing(graph.capacitiesBytesPerS());
        jobNodes = new int[JOBS][];
        jobIds = new int[JOBS];
        for (int j = 0; j < JOBS; j++) {
            jobNodes[j] = cluster.takeJobNodes();
            jobIds[j] = start(jobNodes[j]);
        }
    }

    @Setup(Level.Invocation)
    public void pickVictim() {
        victim = cluster.random().nextInt(JOBS);
    }

    /** One job finishing then one starting on a fresh placement, each with the re-timing it causes. */
    @Benchmark
    public double finishAndStart() {
        double sum = 0;
        for (int id : sharing.remove(jobIds[victim], 0)) {
            sum += sharing.contention(id).stretchS()[0];
        }
        cluster.release(jobNodes[victim]);
        jobNodes[victim] = cluster.takeJobNodes();
        jobIds[victim] = start(jobNodes[victim]);
        return sum + sharing.contention(jobIds[victim]).stretchS()[0];
    }

    /** Plans and costs the new job's ring alone, registers it, and re-times those it may slow. */
    private int start(int[] nodes) {
        CollectivePlan plan = planner.ringAllReduce(FragmentedCluster.gpusOf(nodes), 1L << 30, 0);
        CostedPlan costed = coster.solve(plan);
        CollectivePhase ph = plan.phases().get(0);
        BurstTraffic.Builder b = BurstTraffic.builder();
        int cls = b.addClass(1, costed.transferSeconds()[0]);
        for (int i = 0; i < ph.flowCount(); i++) {
            // Whole nodes: GPU-NIC and NIC-leaf links are the job's own.
            int[] shared = Arrays.stream(ph.paths()[i]).filter(l -> graph.linkKind(l) == LinkKind.LEAF_SPINE).toArray();
            if (shared.length > 0) {
                b.addFlow(cls, shared, ph.bytes()[i], costed.rates().get(0)[i]);
            }
        }
        int id = nextId++;
        for (int other : sharing.add(id, b.build(), costed.transferSeconds()[0] / duty, 0)) {
            sharing.contention(other);
        }
        return id;
    }
}
