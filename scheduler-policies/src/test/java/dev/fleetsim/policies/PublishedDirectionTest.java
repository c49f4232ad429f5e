package dev.fleetsim.policies;

import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.fleetsim.policies.TestRuns.MODEL;
import static dev.fleetsim.policies.TestRuns.S;
import static dev.fleetsim.policies.TestRuns.withLayout;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directions the literature reports, on generated heavy-tailed workloads (many short jobs,
 * a few long ones), each on several seeds: LAS beats FIFO on mean JCT (Tiresias, NSDI'19);
 * EASY backfilling raises utilisation over FIFO; topology-aware placement cuts JCT on an
 * oversubscribed fabric, where the engine's step-time model makes a TP group split across nodes
 * and a data-parallel ring across leaves slower. The factors are printed for docs/POLICIES.md.
 */
class PublishedDirectionTest {

    /** 300 jobs on 64 GPUs: 90 % short (1-8 GPUs, 1-10 min), 10 % long (8-16 GPUs, 5-15 h), one second an iteration. */
    private static ScenarioSpec heavyTailed(String policy, long seed) {
        List<JobTemplateSpec> mix = List.of(
                new JobTemplateSpec("short-1", 0.35, withLayout(proto(), 1, 1), 60, 600),
                new JobTemplateSpec("short-4", 0.35, withLayout(proto(), 1, 4), 60, 600),
                new JobTemplateSpec("short-8", 0.2, withLayout(proto(), 1, 8), 60, 600),
                new JobTemplateSpec("long-8", 0.06, withLayout(proto(), 1, 8), 18_000, 54_000),
                new JobTemplateSpec("long-16", 0.04, withLayout(proto(), 1, 16), 18_000, 54_000));
        GeneratorSpec g = new GeneratorSpec("heavy", 300, 0, 600 * S, mix, List.of("a", "b", "c"));
        return TestRuns.scenario(Scenarios.homogeneous("H100-SXM", 8, 8, Scenarios.DEFAULT_FABRIC), List.of(), List.of(g),
                policy, Map.of(), new PreemptionSpec(600 * S, 30 * S), seed);
    }

    private static dev.fleetsim.engine.workload.TrainingJobSpec proto() {
        return Scenarios.dataParallelJob("p", MODEL, 1, 1, 1, 0, "x");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void lasBeatsFifoOnMeanJct(long seed) {
        double fifo = TestRuns.run(heavyTailed("fifo", seed), 1.0).summary().times().jctS().mean();
        double las = TestRuns.run(heavyTailed("las", seed), 1.0).summary().times().jctS().mean();
        System.out.printf(Locale.ROOT, "seed %d: mean JCT fifo %.0f s, las %.0f s: %.2fx%n", seed, fifo, las, fifo / las);
        assertTrue(las < fifo, "LAS " + las + " s vs FIFO " + fifo + " s");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void backfillRaisesUtilisationOverFifo(long seed) {
        double fifo = TestRuns.run(heavyTailed("fifo", seed), 1.0).summary().utilisation().allocatedUtilisation();
        double backfill = TestRuns.run(heavyTailed("backfill", seed), 1.0).summary().utilisation().allocatedUtilisation();
        System.out.printf(Locale.ROOT, "seed %d: utilisation fifo %.3f, backfill %.3f%n", seed, fifo, backfill);
        assertTrue(backfill > fifo, "backfill " + backfill + " vs FIFO " + fifo);
    }

    /**
     * 16 nodes of 8 H100, two nodes a leaf, 4:1 oversubscribed spine; 200 jobs with tensor-parallel
     * groups of 2, 4 and 8 and data-parallel widths that leave nodes partly used, timed by the
     * engine's training model on their actual GPUs.
     */
    private static ScenarioSpec fragmenting(String placement, long seed) {
        List<JobTemplateSpec> mix = List.of(
                new JobTemplateSpec("tp2x3", 0.3, withLayout(proto(), 2, 3), 200, 2_000),
                new JobTemplateSpec("tp4x1", 0.25, withLayout(proto(), 4, 1), 200, 2_000),
                new JobTemplateSpec("tp4x3", 0.2, withLayout(proto(), 4, 3), 200, 2_000),
                new JobTemplateSpec("tp8x2", 0.15, withLayout(proto(), 8, 2), 200, 2_000),
                new JobTemplateSpec("tp4x6", 0.1, withLayout(proto(), 4, 6), 200, 2_000));
        GeneratorSpec g = new GeneratorSpec("frag", 200, 0, 20 * S, mix, List.of("a"));
        ClusterSpec cluster = Scenarios.homogeneous("H100-SXM", 16, 8, new FabricSpec(2, 4.0, 5_000, 1_000));
        return TestRuns.scenario(cluster, List.of(), List.of(g), "fifo", Map.of("placement", placement),
                PreemptionSpec.FREE, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void topologyAwarePlacementCutsJctOnAnOversubscribedFabric(long seed) {
        double firstFit = TestRuns.run(fragmenting("first-fit", seed), PerformanceModels.analytic().training(), p -> p)
                .summary().times().jctS().mean();
        double aware = TestRuns.run(fragmenting("topology-aware", seed), PerformanceModels.analytic().training(), p -> p)
                .summary().times().jctS().mean();
        System.out.printf(Locale.ROOT, "seed %d: mean JCT first-fit %.0f s, topology-aware %.0f s: %.2fx%n", seed,
                firstFit, aware, firstFit / aware);
        assertTrue(aware < firstFit, "topology-aware " + aware + " s vs first-fit " + firstFit + " s");
    }
}
