package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code fleetsim bench}: the end-to-end benchmark. Generates a workload of {@code --jobs} jobs
 * (sizes from 1 to 128 GPUs, mostly small, as in published traces) on {@code --gpus} H100s,
 * with the arrival rate set so the offered load is {@code --load} of the cluster, runs it, and
 * reports wall time and events per second. Wall-clock figures vary run to run; the simulated
 * results do not. The last line ({@value #TREND_PREFIX} …) is one machine-readable record of
 * the run, its settings and figures as {@code key=value} words, which {@code bench/trend.sh}
 * compares with the last one recorded for the same settings; it carries the CPU time of the
 * simulating thread besides the wall time, as the wall time of a shared machine measures its
 * load as much as the program.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchServingCommand.class,
        description = {"End-to-end benchmark on a generated workload.", "'bench serving' runs the serving benchmark instead."})
final class BenchCommand implements Callable<Integer> {
    static final String TREND_PREFIX = "fleetsim-bench";

    @Option(names = "--jobs", paramLabel = "N",
            defaultValue = "100000", description = "jobs to generate (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--gpus", paramLabel = "N",
            defaultValue = "2048", description = "H100 GPUs, 8 per node (default ${DEFAULT-VALUE})")
    int gpus;

    @Option(names = "--load", paramLabel = "FRACTION",
            defaultValue = "0.9", description = "offered load as a fraction of the cluster (default ${DEFAULT-VALUE})")
    double load;

    @Option(names = "--oversubscription", paramLabel = "RATIO",
            defaultValue = "4", description = "leaf-to-spine oversubscription (default ${DEFAULT-VALUE})")
    double oversubscription;

    @Option(names = "--policy", paramLabel = "NAME",
            defaultValue = "fifo", description = "scheduling policy (default ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--network", paramLabel = "MODEL",
            defaultValue = "flow", description = "flow (shared links, max-min) or analytic "
            + "(each job alone) (default ${DEFAULT-VALUE})")
    String network;

    @Option(names = "--repeat", paramLabel = "N",
            defaultValue = "1", description = "runs; the best wall time is reported (default ${DEFAULT-VALUE})")
    int repeat;

    private record Kind(String name, double weight, String model, int tp, int pp, int dp, int globalBatch, int zero,
                        Recompute recompute, long minIter, long maxIter) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("g1", 0.55, "gpt-1.3b", 1, 1, 1, 8, 0, Recompute.NONE, 200, 20_000),
            new Kind("g2", 0.10, "gpt-1.3b", 1, 1, 2, 16, 0, Recompute.NONE, 200, 20_000),
            new Kind("g4", 0.10, "llama2-7b", 1, 1, 4, 16, 3, Recompute.SELECTIVE, 200, 10_000),
            new Kind("g8", 0.12, "llama2-7b", 1, 1, 8, 32, 3, Recompute.SELECTIVE, 200, 10_000),
            new Kind("g16", 0.06, "llama2-13b", 4, 1, 4, 64, 1, Recompute.SELECTIVE, 200, 5_000),
            new Kind("g32", 0.04, "llama2-13b", 8, 1, 4, 128, 1, Recompute.SELECTIVE, 200, 5_000),
            new Kind("g64", 0.02, "llama2-70b", 8, 4, 2, 256, 1, Recompute.FULL, 100, 2_000),
            new Kind("g128", 0.01, "llama2-70b", 8, 4, 4, 512, 1, Recompute.FULL, 100, 2_000));

    @Override
    public Integer call() {
        if (gpus % 8 != 0 || gpus <= 0) {
            throw new UserError("--gpus: found " + gpus + "; expected a positive multiple of 8");
        }
        int largest = KINDS.stream().mapToInt(k -> k.tp() * k.pp() * k.dp()).max().orElse(1);
        if (gpus < largest) {
            throw new UserError("--gpus: found " + gpus + "; expected at least " + largest
                    + " (the largest job of the generated mix)");
        }
        if (!(load > 0 && load <= 2)) {
            throw new UserError("--load: found " + load + "; expected a number in (0, 2]");
        }
        // the same bounds a scenario file has for a generator's count and a fabric's oversubscription
        if (jobs < 1 || jobs > 10_000_000) {
            throw new UserError("--jobs: found " + jobs + "; expected an integer from 1 to 10000000");
        }
        if (!(oversubscription >= 1 && oversubscription <= 1000)) {
            throw new UserError("--oversubscription: found " + oversubscription + "; expected a number in [1, 1000]");
        }
        if (repeat < 1 || repeat > 1000) {
            throw new UserError("--repeat: found " + repeat + "; expected an integer from 1 to 1000");
        }
        ClusterSpec cluster = Scenarios.homogeneous("H100-SXM", gpus / 8, 8,
                new FabricSpec(16, oversubscription, 5_000, 1_000));
        NetworkMode mode = networkMode(network);
        Fleetsim fleetsim = Fleetsim.create();
        ScenarioSpec base = scenario(fleetsim, cluster);
        ScenarioSpec spec = withNetwork(base, mode);
        List<Problem> problems = fleetsim.policyProblems(spec.policy());
        if (!problems.isEmpty()) {
            throw new UserError(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        RunResult result = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            ProgressBar bar = new ProgressBar(System.err, ProgressBar.mode(false));
            result = fleetsim.run(spec, bar);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c0) / 1e9);
            bar.finish();
        }
        var s = result.summary();
        System.out.printf(Locale.ROOT, "bench: %d jobs on %d GPUs (H100, %.0f:1 spine), policy %s, seed %d, %s network%n",
                s.counts().jobs(), s.gpus(), oversubscription, policy, seed, mode.key());
        System.out.printf(Locale.ROOT, "  wall time     %.2f s (best of %d, includes workload generation)%n", best, repeat);
        System.out.printf(Locale.ROOT, "  events        %,d (%,.0f events/s)%n", s.kernel().events(), s.kernel().events() / best);
        System.out.printf(Locale.ROOT, "  network       %,d max-min updates, %,d job rate changes%n", s.kernel().networkUpdates(),
                s.kernel().rateChanges());
        System.out.printf(Locale.ROOT, "  simulated     %.1f days, %d finished, utilisation %.1f %%, mean wait %.2f h%n",
                s.times().makespanS() / 86400, s.counts().finished(), 100 * s.utilisation().allocatedUtilisation(), s.times().waitS().mean() / 3600);
        System.out.printf(Locale.ROOT, "%s v=1 jobs=%d gpus=%d load=%s oversubscription=%s policy=%s seed=%d network=%s"
                        + " repeat=%d events=%d wall_s=%.3f cpu_s=%.3f events_per_cpu_s=%.0f makespan_days=%.3f%n",
                TREND_PREFIX, jobs, gpus, load, oversubscription, policy, seed, mode.key(), repeat, s.kernel().events(),
                best, bestCpu, s.kernel().events() / bestCpu, s.times().makespanS() / 86400);
        return Main.EXIT_OK;
    }

    static NetworkMode networkMode(String value) {
        for (NetworkMode m : NetworkMode.values()) {
            if (m.key().equals(value)) {
                return m;
            }
        }
        throw new UserError("--network: found " + value + "; expected flow or analytic");
    }

    private static ScenarioSpec withNetwork(ScenarioSpec s, NetworkMode mode) {
        return s.withSimulation(s.simulation().withNetwork(mode));
    }

    private ScenarioSpec scenario(Fleetsim fleetsim, ClusterSpec cluster) {
        // The arrival rate comes from each template's ideal iteration time, costed alone (analytic).
        ScenarioSpec empty = withNetwork(Scenarios.of("bench", seed, cluster, List.of(), List.of(),
                new PolicySpec(policy, Map.of())), NetworkMode.ANALYTIC);
        List<JobTemplateSpec> mix = new ArrayList<>();
        double gpuSecondsPerJob = 0;
        for (Kind k : KINDS) {
            TrainingJobSpec proto = new TrainingJobSpec(k.name(), ModelCatalog.find(k.model()).orElseThrow(), Precision.BF16,
                    k.globalBatch(), 1, new ParallelismSpec(k.tp(), k.pp(), k.dp(), 1), k.recompute(), k.zero(), 0.8, true,
                    1, 0, "default", 0, Optional.empty());
            mix.add(new JobTemplateSpec(k.name(), k.weight(), proto, k.minIter(), k.maxIter()));
            int n = proto.gpus();
            double iterS = fleetsim.estimate(empty, proto).estimate().iterationTimeS();
            // mean of a log-uniform draw on [a, b] is (b − a) / ln(b / a)
            double meanIter = (k.maxIter() - k.minIter()) / Math.log((double) k.maxIter() / k.minIter());
            gpuSecondsPerJob += k.weight() * n * iterS * meanIter;
        }
        long meanGapNs = (long) (gpuSecondsPerJob / (gpus * load) * 1e9);
        GeneratorSpec gen = new GeneratorSpec("bench", jobs, 0, meanGapNs, mix, List.of("a", "b", "c", "d"));
        return Scenarios.of("bench", seed, cluster, List.of(), List.of(gen), new PolicySpec(policy, Map.of()));
    }
}
