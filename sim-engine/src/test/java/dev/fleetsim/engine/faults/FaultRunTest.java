package dev.fleetsim.engine.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scenario.SimulationSpec;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.testing.RepositoryFiles;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures in a run: the defaults are Llama 3's published interruption counts, a failed node's
 * job loses the work since its checkpoint and restarts elsewhere, goodput falls the way the
 * Young/Daly arithmetic says, and the checkpoint interval it calls optimal beats shorter and
 * longer ones.
 */
class FaultRunTest {
    private static final long S = 1_000_000_000L;
    private static final long MIN = 60 * S;
    private static final long H = 3600 * S;
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).build();

    @Test
    void theDefaultsAreLlama3sCountsPerGpuNodeAndLink() {
        JsonNode llama = RepositoryFiles.reference("reliability.json").path("llama3_reliability");
        int gpu = 0;
        int network = 0;
        int rest = 0;
        for (JsonNode row : llama.path("table5")) {
            String category = row.get(1).asText();
            int n = row.get(2).asInt();
            if (category.equals("GPU")) {
                gpu += n;
            } else if (category.equals("Network")) {
                network += n;
            } else {
                rest += n;
            }
        }
        assertEquals(llama.path("unexpected").asInt(), gpu + network + rest);
        // 16,384 GPUs in 2,048 nodes of 8 for 54 days (Llama 3, sec. 3.3.4)
        double hours = llama.path("period_days").asDouble() * 24;
        assertEquals(16_384 * hours / gpu, FaultSpec.LLAMA3.gpuMtbfNs() / (double) H, 1);
        assertEquals(2_048 * hours / rest, FaultSpec.LLAMA3.nodeMtbfNs() / (double) H, 1);
        assertEquals(2_048 * hours / network, FaultSpec.LLAMA3.linkMtbfNs() / (double) H, 1);
        // the whole cluster fails every 54 d / 419 = 3.09 h
        assertEquals(54 * 24.0 / 419, FaultSpec.LLAMA3.nodeMtbfNs(8, true) / H / 2048, 0.01);
    }

    @Test
    void aLlama3SizedClusterFailsAsOftenAsLlama3s() {
        // 2,048 nodes of 8 H100s for 54 days, one job that never ends keeping the outages going
        TrainingJobSpec job = Scenarios.dataParallelJob("forever", ModelCatalog.find("gpt-1.3b").orElseThrow(), 8, 64,
                1_000_000_000L, 0, "t");
        ScenarioSpec spec = Scenarios.of("llama3", 7, Scenarios.homogeneous("H100-SXM", 2048, 8, Scenarios.DEFAULT_FABRIC),
                List.of(job), List.of(), new PolicySpec("in-order", Map.of())).withFaults(FaultSpec.LLAMA3);
        spec = spec.withSimulation(new SimulationSpec(OptionalLong.of(54 * 24 * H), 7, 10, false));
        RunSummary.Reliability r = FLEETSIM.run(spec, SimulationObserver.NONE).summary().reliability();
        int failures = r.gpuFailures() + r.nodeFailures() + r.linkFailures();
        System.out.printf(java.util.Locale.ROOT, "Llama 3 cluster, 54 d: %d failures (gpu %d, node %d, link %d), %.0f node-h down%n",
                failures, r.gpuFailures(), r.nodeFailures(), r.linkFailures(), r.nodeHoursDown());
        // Poisson with mean 419 (a little less: a node under repair does not fail): within 3.5 sigma
        assertTrue(Math.abs(failures - 419) < 3.5 * Math.sqrt(419), "failures " + failures);
        assertTrue(Math.abs(r.gpuFailures() - 268) < 3.5 * Math.sqrt(268), "gpu " + r.gpuFailures());
        assertEquals(0, r.spotReclaims());
        // node-hours down: gpu 268 x 24 h + host 116 x 4 h + link 35 x 2 h = 6,966 h expected
        assertEquals(6966, r.nodeHoursDown(), 0.25 * 6966);
    }

    @Test
    void spotNodesAreReclaimedAtTheirRateAndOwnedOnesAreNot() {
        TrainingJobSpec job = Scenarios.dataParallelJob("forever", ModelCatalog.find("gpt-1.3b").orElseThrow(), 8, 64,
                1_000_000_000L, 0, "t");
        var cluster = new dev.fleetsim.engine.topology.ClusterSpec(List.of(
                new dev.fleetsim.engine.topology.NodeGroupSpec("base", "H100-SXM", 2, 8, 8, 50e9,
                        dev.fleetsim.engine.pricing.Purchase.OWNED),
                new dev.fleetsim.engine.topology.NodeGroupSpec("burst", "H100-SXM", 20, 8, 8, 50e9,
                        dev.fleetsim.engine.pricing.Purchase.SPOT)), Scenarios.DEFAULT_FABRIC);
        ScenarioSpec spec = Scenarios.of("spot", 3, cluster, List.of(job), List.of(), new PolicySpec("in-order", Map.of()))
                .withSimulation(new SimulationSpec(OptionalLong.of(30 * 24 * H), 3, 10, false));
        var terms = spec.cost().prices("H100-SXM").spot().orElseThrow();
        RunResult r = FLEETSIM.run(spec, SimulationObserver.NONE);
        // 20 nodes x 720 h, each cycle a mean 24 h up then 1 h out: 20 x 720 / 25 = 576 reclaims expected
        double mtti = terms.meanTimeToInterruptionNs() / (double) H;
        double expected = 20 * 720 / (mtti + terms.replacementNs() / (double) H);
        assertEquals(576, expected, 1);
        assertEquals(expected, r.summary().reliability().spotReclaims(), 3.5 * Math.sqrt(expected));
        assertEquals(0, r.summary().reliability().gpuFailures() + r.summary().reliability().nodeFailures());
        // the job sits on the owned base and is never interrupted
        assertEquals(0, r.jobs().get(0).interruptions());
    }

    /** One job of 8 GPUs with {@code hours} of work on a node failing every 10 h, a spare node to restart on. */
    private static RunResult checkpointed(long intervalNs, long costNs, double workHours, long seed) {
        TrainingJobSpec probe = Scenarios.dataParallelJob("j", ModelCatalog.find("gpt-1.3b").orElseThrow(), 8, 64, 1, 0, "t");
        double iterationS = FLEETSIM.estimate(Scenarios.of("probe", 0,
                Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC), List.of(probe), List.of(),
                new PolicySpec("in-order", Map.of())), probe).estimate().iterationTimeS();
        long iterations = Math.round(workHours * 3600 / iterationS);
        TrainingJobSpec job = Scenarios.dataParallelJob("j", ModelCatalog.find("gpt-1.3b").orElseThrow(), 8, 64,
                iterations, 0, "t");
        FaultSpec nodesOnly = new FaultSpec(Long.MAX_VALUE / 2, 10 * H, Long.MAX_VALUE / 2, 0, 30 * MIN, 0);
        return FLEETSIM.run(Scenarios.of("yd", seed, Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC),
                List.of(job), List.of(), new PolicySpec("in-order", Map.of(),
                        new PreemptionSpec(intervalNs, 3 * MIN, costNs))).withFaults(nodesOnly), SimulationObserver.NONE);
    }

    @Test
    void checkpointWritesWithoutFailuresCostTheirShare() {
        // 60 min of progress, then a 6 min write: the job holds its GPUs 66 min for every 60 of work
        TrainingJobSpec job = Scenarios.dataParallelJob("j", ModelCatalog.find("gpt-1.3b").orElseThrow(), 8, 64, 2000, 0, "t");
        ScenarioSpec base = Scenarios.of("ck", 1, Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC),
                List.of(job), List.of(), new PolicySpec("in-order", Map.of()));
        JobRecord free = FLEETSIM.run(base, SimulationObserver.NONE).jobs().get(0);
        JobRecord paid = FLEETSIM.run(base.withPolicy(new PolicySpec("in-order", Map.of(),
                new PreemptionSpec(60 * MIN, 0, 6 * MIN))), SimulationObserver.NONE).jobs().get(0);
        assertEquals(1.1, (double) paid.runNs() / free.runNs(), 1e-6);
        assertEquals(1 / 1.1, paid.goodput().getAsDouble(), 1e-6);
        assertEquals(1.0, free.goodput().getAsDouble(), 1e-12);
    }

    @Test
    void goodputFollowsYoungDalyAndItsIntervalIsTheBest() {
        long cost = 6 * MIN;
        double mtbf = 10 * H;
        double best = YoungDaly.optimalIntervalNs(cost, mtbf);
        // sqrt(2 x 0.1 h x 10 h) = 1.414 h period, less the 6 min write: 78.85 min of progress
        assertEquals(78.85, best / MIN, 0.01);
        double predicted = 1 - YoungDaly.expectedWaste(best, cost, 3 * MIN, mtbf);
        assertEquals(0.8536, predicted, 1e-3); // 1 - (0.0707 + 0.0707 + 0.005)
        double[] goodput = new double[3];
        long[] intervals = {Math.round(best / 4), Math.round(best), Math.round(best * 4)};
        for (int i = 0; i < 3; i++) {
            RunResult r = checkpointed(intervals[i], cost, 3000, 11);
            JobRecord j = r.jobs().get(0);
            assertEquals("FINISHED", j.state());
            assertTrue(j.interruptions() > 100, "interruptions " + j.interruptions());
            goodput[i] = j.goodput().getAsDouble();
            assertEquals(goodput[i], r.summary().reliability().goodput(), 1e-9);
        }
        System.out.printf(java.util.Locale.ROOT, "Young/Daly: goodput %.4f at %.1f min, %.4f at %.1f min (optimal; predicted %.4f),"
                + " %.4f at %.1f min%n", goodput[0], intervals[0] / 6e10, goodput[1], intervals[1] / 6e10, predicted,
                goodput[2], intervals[2] / 6e10);
        // about 300 failures in 3,000 h: the simulated goodput within 1.5 points of the first-order formula
        assertEquals(predicted, goodput[1], 0.015);
        assertTrue(goodput[1] > goodput[0] + 0.05, "optimal " + goodput[1] + " vs a quarter " + goodput[0]);
        assertTrue(goodput[1] > goodput[2] + 0.05, "optimal " + goodput[1] + " vs four times " + goodput[2]);
    }
}
