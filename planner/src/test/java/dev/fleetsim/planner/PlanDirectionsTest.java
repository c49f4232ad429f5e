package dev.fleetsim.planner;

import dev.fleetsim.engine.Fleetsim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prices, faults, spot reclaims and targets move the plan's answer the way they should, on a
 * small training workload (40 single-node jobs over a day): a price change re-ranks the choices
 * without changing a run; failures and reclaims take capacity away, so the fleet grows and
 * goodput falls; a higher tokens-per-day target needs at least as many nodes.
 */
class PlanDirectionsTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    private static final String SCENARIO = "name: directions\n"
            + "simulation: {seed: 1, charts: false, network: analytic}\n"
            + "cluster:\n  nodeGroups:\n"
            + "%s"
            + "  fabric: {nodesPerLeaf: 4, oversubscription: 1}\n"
            + "workload:\n  generators:\n    - name: g\n      count: 40\n      start: 0 s\n      meanInterarrival: 30 min\n"
            + "      mix:\n        - name: node\n          weight: 1\n          iterations: {min: 300, max: 3000}\n"
            + "          job: {model: llama3-8b, precision: bf16, globalBatch: 128, microBatch: 2,"
            + " parallelism: {tp: 2, dp: 4}, zeroStage: 1, recompute: selective}\n"
            + "policy:\n  name: fifo\n  preemption: {checkpointInterval: 30 min, restartOverhead: 5 min}\n"
            + "%s";
    private static final String ONE_GROUP =
            "    - {name: gpus, gpuType: H100-SXM, count: 4, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n";

    private static PlanResult plan(Path dir, String groups, String extra, String planBody) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("s.yaml"), String.format(SCENARIO, groups, extra));
        Files.writeString(dir.resolve("p.yaml"), "name: p\nscenario: s.yaml\n" + planBody
                + "seeds: {screen: [1], confirm: [1, 2]}\n");
        PlanSpec spec = new PlanReader(FLEETSIM).read(dir.resolve("p.yaml"));
        return new Planner(FLEETSIM, 2).plan(spec, PlanProgress.NONE);
    }

    private static Candidate chosen(PlanResult r) {
        return r.chosen().orElseThrow(() -> new AssertionError("no plan: " + r.candidates()));
    }

    @Test
    void aPriceChangeReRanksTheChoicesWithoutChangingWhatRuns(@TempDir Path dir) throws Exception {
        String options = "options:\n  - {name: od, gpuType: H100-SXM, purchase: on-demand}\n"
                + "  - {name: r1, gpuType: H100-SXM, purchase: reserved-1y}\n"
                + "nodes: {min: 1, max: 10}\nconstraints: {p95Wait: 2 h}\n";
        // shipped prices: the 1-year reservation (2.30 USD/h) undercuts on demand (2.99) on the same hardware
        Candidate cheap = chosen(plan(dir.resolve("a"), ONE_GROUP, "", options));
        assertEquals("r1", cheap.label());
        // a reservation dearer than on demand: on demand wins, at the same node count, for 3.50 / 2.30 of the rent
        Candidate dear = chosen(plan(dir.resolve("b"), ONE_GROUP,
                "cost:\n  prices:\n    H100-SXM: {reserved1y: 3.5 USD/h}\n", options));
        assertEquals("od", dear.label());
        assertEquals(cheap.nodes(), dear.nodes(), "prices do not change a run");
        assertEquals(cheap.metrics().get(0).mean(), dear.metrics().get(0).mean(), 1e-9);
        assertEquals(cheap.nodes() * 8 * 2.99 * 730.5, dear.costUsdPerMonth().mean(), 1e-6);
        assertEquals(cheap.nodes() * 8 * 2.30 * 730.5, cheap.costUsdPerMonth().mean(), 1e-6);
    }

    @Test
    void failuresTakeCapacityAwaySoTheFleetGrowsAndGoodputFalls(@TempDir Path dir) throws Exception {
        String body = "options:\n  - {name: od, gpuType: H100-SXM}\nnodes: {min: 1, max: 12}\n"
                + "constraints: {p95Wait: 2 h, minGoodput: 0.5}\n";
        Candidate free = chosen(plan(dir.resolve("free"), ONE_GROUP, "", body));
        // every node's host fails every 100 h on average and is out 8 h
        Candidate faulty = chosen(plan(dir.resolve("faulty"), ONE_GROUP, "faults: {nodeMtbf: 100 h, nodeRepair: 8 h}\n", body));
        assertEquals(1.0, free.metrics().get(1).mean(), 1e-9, "nothing fails: all held GPU-time is kept");
        assertTrue(faulty.metrics().get(1).mean() < 1 - 1e-6, "goodput " + faulty.metrics().get(1).mean());
        assertTrue(faulty.nodes() > free.nodes(), faulty.nodes() + " nodes with failures, " + free.nodes() + " without");
        assertTrue(faulty.costUsdPerMonth().mean() > free.costUsdPerMonth().mean());
    }

    @Test
    void spotReclaimsMakeASpotBurstBiggerThanAnOnDemandOne(@TempDir Path dir) throws Exception {
        String groups = "    - {name: base, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s,"
                + " purchase: owned}\n"
                + "    - {name: burst, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n";
        String body = "group: burst\noptions:\n  - {name: spot, gpuType: H100-SXM, purchase: spot}\n"
                + "  - {name: od, gpuType: H100-SXM, purchase: on-demand}\nnodes: {min: 0, max: 12}\n"
                + "constraints: {p95Wait: 2 h}\n";
        // spot nodes reclaimed every 4 h on average, replaced 2 h later
        PlanResult r = plan(dir, groups, "cost:\n  prices:\n    H100-SXM:\n"
                + "      spot: {price: 1.6 USD/h, meanTimeToInterruption: 4 h, replacementTime: 2 h}\n", body);
        int spot = -1;
        int od = -1;
        for (Candidate c : r.candidates()) {
            if (c.label().equals("spot")) {
                spot = c.nodes();
            } else {
                od = c.nodes();
            }
        }
        assertTrue(od >= 0 && spot > od, "spot burst " + spot + " nodes, on-demand burst " + od);
    }

    @Test
    void aHigherTokensPerDayTargetNeedsAtLeastAsManyNodes(@TempDir Path dir) throws Exception {
        String body = "options:\n  - {name: od, gpuType: H100-SXM}\nnodes: {min: 1, max: 12}\n"
                + "constraints: {minTrainingTokensPerDay: %s}\n";
        Candidate low = chosen(plan(dir.resolve("low"), ONE_GROUP, "", String.format(body, "20B")));
        Candidate high = chosen(plan(dir.resolve("high"), ONE_GROUP, "", String.format(body, "40B")));
        assertTrue(low.metrics().get(0).mean() >= 20e9 && high.metrics().get(0).mean() >= 40e9);
        assertTrue(high.nodes() > low.nodes(), high.nodes() + " nodes for 40B a day, " + low.nodes() + " for 20B");
    }
}
