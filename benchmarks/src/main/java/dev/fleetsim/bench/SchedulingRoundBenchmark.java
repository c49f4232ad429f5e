package dev.fleetsim.bench;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One scheduling round of a policy on a busy cluster: 2,500 H100 GPUs (312 nodes of 8 and one
 * of 4, four nodes a leaf) with about 45 % of them held by running jobs in a fragmented
 * pattern, and a queue of {@code pending} jobs of trace-like sizes (half 1-GPU, a few up to 32)
 * from ten tenants. Each invocation builds a fresh policy, so every round is a cold first round
 * for its explanations. Single-shot timing: JMH reports the median (p0.50) over the measured rounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(1)
public class SchedulingRoundBenchmark {
    private static final int[] SIZES = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 16, 32};

    @Param({"1000"})
    int pending;

    @Param({"optaplanner"})
    String policy;

    /** Policy parameters as {@code key=value;key=value} (JMH splits parameter lists on commas); the window covers the whole queue by default. */
    @Param({"window=1000"})
    String params;

    private SchedulingContext context;

    @Setup
    public void setUp() {
        ClusterSpec spec = new ClusterSpec(List.of(
                new NodeGroupSpec("h100", "H100-SXM", 312, 8, 8, 400e9 / 8),
                new NodeGroupSpec("h100-small", "H100-SXM", 1, 4, 4, 400e9 / 8)),
                new FabricSpec(4, 1.0, 5_000, 1_000));
        Topology topology = Topology.build(spec, HardwareCatalog.defaults());
        ClusterState state = new ClusterState(topology);
        SplittableRandom rng = new SplittableRandom(42);
        ModelSpec model = ModelCatalog.find("gpt-1.3b").orElseThrow();
        List<RunningJobView> running = new ArrayList<>();
        int owner = 0;
        for (Topology.Node n : topology.nodes()) {
            // a node busy in full, in part, or idle: the fragmented state a day of arrivals leaves
            int busy = rng.nextInt(10) < 3 ? n.gpuCount() : rng.nextInt(10) < 5 ? rng.nextInt(n.gpuCount()) : 0;
            if (busy > 0) {
                int[] gpus = new int[busy];
                for (int g = 0; g < busy; g++) {
                    gpus[g] = n.firstGpu() + g;
                }
                state.allocate(owner, gpus);
                TrainingJobSpec s = Scenarios.dataParallelJob("r" + owner, model, busy, busy, 1000, 0, "t" + owner % 10);
                running.add(new RunningJobView(JobTraits.of(s, List.of(n.gpu().name()), 1000.0), 0, 0.5,
                        3_600_000_000_000L, 0, gpus, 500.0, 0));
                owner++;
            }
        }
        List<JobView> queue = new ArrayList<>();
        for (int i = 0; i < pending; i++) {
            int gpus = SIZES[rng.nextInt(SIZES.length)];
            long submitNs = (long) i * 30_000_000_000L;
            TrainingJobSpec s = Scenarios.dataParallelJob(String.format("q%05d", i), model, gpus, gpus, 1000, submitNs,
                    "t" + rng.nextInt(10));
            queue.add(JobView.submitted(JobTraits.of(s, List.of("H100-SXM"), 1000.0)));
        }
        long nowNs = (long) pending * 30_000_000_000L;
        ClusterView view = state.readOnlyView();
        List<JobView> q = List.copyOf(queue);
        List<RunningJobView> r = List.copyOf(running);
        context = new SchedulingContext() {
            @Override
            public long nowNs() {
                return nowNs;
            }

            @Override
            public List<JobView> queue() {
                return q;
            }

            @Override
            public List<RunningJobView> running() {
                return r;
            }

            @Override
            public ClusterView cluster() {
                return view;
            }
        };
    }

    /** The policy parameters of {@link #params}, numbers as numbers. */
    static Map<String, Object> parse(String params) {
        Map<String, Object> out = new TreeMap<>();
        for (String kv : params.split(";")) {
            if (kv.isBlank()) {
                continue;
            }
            String[] p = kv.split("=", 2);
            String v = p[1].trim();
            out.put(p[0].trim(), v.matches("-?\\d+") ? (Object) Long.parseLong(v) : v);
        }
        return out;
    }

    @Benchmark
    public SchedulingDecision round() {
        SchedulingPolicy p = PolicyRegistry.load().get(policy).create(parse(params));
        return p.schedule(context);
    }
}
