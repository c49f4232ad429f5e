package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scenario.SimulationSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthSpec;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.ServingMode;
import dev.fleetsim.engine.workload.serving.SloSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code fleetsim bench serving}: the serving benchmark. One deployment of {@code --replicas}
 * replicas (Llama-3-8B in bf16 on one H100 each, vLLM's engine defaults, least-outstanding router)
 * serves {@code --requests} Poisson requests with log-normal prompts (mean 512) and outputs (mean
 * 256) at {@code --rate}; every batch iteration of every replica is an event. Reports the wall
 * time, events per second and the heap the run peaked at (request records are streamed: only
 * {@code requests.csv}'s sample is kept). Wall-clock figures vary run to run; results do not.
 */
@Command(name = "serving", mixinStandardHelpOptions = true,
        description = "Serving benchmark: one deployment, many requests, every batch iteration an event.")
final class BenchServingCommand implements Callable<Integer> {

    @Option(names = "--requests", paramLabel = "N",
            defaultValue = "1000000", description = "requests to serve (default ${DEFAULT-VALUE})")
    long requests;

    @Option(names = "--replicas", paramLabel = "N",
            defaultValue = "32", description = "replicas, one H100 each (default ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--rate", paramLabel = "REQ_PER_S", defaultValue = "500",
            description = "requests per second over all replicas (default ${DEFAULT-VALUE}, about 60 %% of their capacity)")
    double rate;

    @Option(names = "--model", paramLabel = "MODEL",
            defaultValue = "llama3-8b", description = "catalogue model (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--mode", paramLabel = "MODE",
            defaultValue = "iteration", description = "iteration or fluid (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--repeat", paramLabel = "N",
            defaultValue = "1", description = "runs; the best wall time is reported (default ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() {
        if (requests < 1) {
            throw new UserError("--requests: found " + requests + "; expected at least 1");
        }
        if (replicas < 1 || replicas > 100_000) {
            throw new UserError("--replicas: found " + replicas + "; expected an integer from 1 to 100000");
        }
        if (!(rate > 0 && rate <= 1e9)) {
            throw new UserError("--rate: found " + rate + "; expected requests per second above 0, at most 1e9");
        }
        if (repeat < 1 || repeat > 1000) {
            throw new UserError("--repeat: found " + repeat + "; expected an integer from 1 to 1000");
        }
        ModelSpec m = ModelCatalog.find(model).orElseThrow(() -> new UserError("--model: found " + model
                + "; expected a catalogue model, " + Suggestions.oneOf(model, ModelCatalog.all().keySet())));
        ServingMode servingMode = "fluid".equals(mode) ? ServingMode.FLUID : "iteration".equals(mode) ? ServingMode.ITERATION
                : null;
        if (servingMode == null) {
            throw new UserError("--mode: found " + mode + "; expected iteration or fluid");
        }
        ScenarioSpec spec = scenario(m, servingMode);
        Fleetsim fleetsim = Fleetsim.create();
        double best = Double.MAX_VALUE;
        RunResult result = null;
        for (int i = 0; i < repeat; i++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            ProgressBar bar = new ProgressBar(System.err, ProgressBar.mode(false));
            result = fleetsim.run(spec, bar);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bar.finish();
        }
        ServiceSummary s = result.summary().services().get(0);
        long events = result.summary().kernel().events();
        System.out.printf(Locale.ROOT, "bench serving: %,d requests on %d replicas (%s bf16, 1 x H100 each), %.0f req/s, "
                + "%s mode, seed %d%n", s.requests().finished(), replicas, model, rate, servingMode.key(), seed);
        System.out.printf(Locale.ROOT, "  wall time     %.2f s (best of %d, includes building the run)%n", best, repeat);
        System.out.printf(Locale.ROOT, "  events        %,d (%,.0f events/s); %,d batch iterations%n", events, events / best,
                s.batching().iterations());
        System.out.printf(Locale.ROOT, "  heap          %,.0f MB peak after the run's start (requests.csv keeps %,d rows)%n",
                peakHeapBytes() / 1e6, result.services().get(0).requests().size());
        System.out.printf(Locale.ROOT, "  simulated     %.1f min; TTFT p50 %.1f ms, p99 %.1f ms; TPOT p50 %.1f ms; "
                        + "batch %.1f per iteration%n", result.summary().times().makespanS() / 60,
                s.latency().ttftS().p50() * 1e3, s.latency().ttftS().p99() * 1e3, s.latency().tpotS().p50() * 1e3,
                s.batching().meanBatch());
        return Main.EXIT_OK;
    }

    private ScenarioSpec scenario(ModelSpec m, ServingMode servingMode) {
        ClusterSpec cluster = Scenarios.homogeneous("H100-SXM", (replicas + 7) / 8, 8, Scenarios.DEFAULT_FABRIC);
        RequestStreamSpec stream = new RequestStreamSpec(ArrivalSpec.poisson(rate), OptionalLong.of(requests),
                OptionalLong.empty(), LengthSpec.lognormal(512, 1.0, 1, 4096), LengthSpec.lognormal(256, 1.0, 1, 2048),
                Optional.empty());
        ServiceSpec service = new ServiceSpec("bench", "default", 0, 0, m, QuantFormat.BF16, QuantFormat.BF16, 1, 1,
                Optional.empty(), replicas, Optional.empty(), Optional.empty(), EngineSpec.VLLM,
                RouterKind.LEAST_OUTSTANDING, stream, SloSpec.DEFAULT, servingMode, ServiceSpec.DEFAULT_SAMPLE_REQUESTS);
        return new ScenarioSpec("bench-serving", "", new SimulationSpec(OptionalLong.empty(), seed, 100, false),
                HardwareCatalog.defaults(), cluster, new WorkloadSpec(List.of(), List.of(), List.of(), List.of(service)),
                new PolicySpec("fifo", Map.of()), Scenarios.DEFAULT_COST);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static double peakHeapBytes() {
        double total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
