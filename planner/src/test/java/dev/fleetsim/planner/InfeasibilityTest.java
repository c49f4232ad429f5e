package dev.fleetsim.planner;

import dev.fleetsim.engine.Fleetsim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan no configuration can meet says which constraints conflict and which configuration came
 * closest, on a small training workload (40 single-node jobs over a day): a budget below what the
 * wait needs names both and the fleet the wait needs; a wait no fleet up to nodes.max reaches
 * names the wait and nodes.max. Both read only the configurations the search simulated.
 */
class InfeasibilityTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();
    private static final String SCENARIO = "name: tight\n"
            + "simulation: {seed: 1, charts: false, network: analytic}\n"
            + "cluster:\n  nodeGroups:\n"
            + "    - {name: gpus, gpuType: H100-SXM, count: 4, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n"
            + "workload:\n  generators:\n    - name: g\n      count: 40\n      start: 0 s\n      meanInterarrival: 30 min\n"
            + "      mix:\n        - name: node\n          weight: 1\n          iterations: {min: 300, max: 3000}\n"
            + "          job: {model: llama3-8b, precision: bf16, globalBatch: 128, microBatch: 2,"
            + " parallelism: {tp: 2, dp: 4}, zeroStage: 1, recompute: selective}\n";

    private static PlanResult plan(Path dir, String body) throws Exception {
        Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Files.writeString(dir.resolve("p.yaml"), "name: p\nscenario: s.yaml\noptions:\n  - {name: od, gpuType: H100-SXM}\n"
                + body + "seeds: {screen: [1], confirm: [1, 2]}\n");
        return new Planner(FLEETSIM, 2).plan(new PlanReader(FLEETSIM).read(dir.resolve("p.yaml")), PlanProgress.NONE);
    }

    @Test
    void aBudgetBelowWhatTheWaitNeedsNamesBothAndTheFleetTheWaitNeeds(@TempDir Path dir) throws Exception {
        PlanResult r = plan(dir, "nodes: {min: 1, max: 12}\nconstraints: {p95Wait: 6 h, budget: 1000 USD}\n");
        assertTrue(r.chosen().isEmpty());
        Candidate od = r.candidates().get(0);
        assertTrue(od.feasible() && !od.withinBudget(), od.status());
        Infeasibility why = Infeasibility.of(r).orElseThrow();
        assertEquals(1, why.conflicts().size(), why.conflicts().toString());
        String conflict = why.conflicts().get(0);
        assertTrue(conflict.startsWith("cost per month ≤ 1,000 USD conflicts with "), conflict);
        assertTrue(od.nodes() == 1 ? conflict.contains("conflicts with nodes.min = 1")
                : conflict.contains("conflicts with p95 wait ≤ 6.00 h: the cheapest fleet that meets it is od × " + od.nodes()
                + " nodes at ") && conflict.contains("(" + (od.nodes() - 1) + " nodes give "), conflict);
        // the closest misses one constraint, the budget, and meets the wait
        assertTrue(why.closest().startsWith("od × " + od.nodes() + " nodes on 2 seeds"), why.closest());
        assertTrue(why.closest().contains("cost per month") && why.closest().contains("(missed, margin"), why.closest());
        assertTrue(why.text().lines().count() == 2 && why.text().contains("  closest: od × "), why.text());
        assertTrue(Infeasibility.of(new PlanResult(r.plan(), java.util.Optional.of(od), r.candidates(), r.points(),
                r.paretoMetric(), r.pareto(), List.of(), r.simulations(), r.fullGrid(), r.wallS())).isEmpty(),
                "a plan with an answer needs no explanation");
    }

    @Test
    void aWaitNoFleetUpToTheMostNodesReachesNamesTheWaitAndNodesMax(@TempDir Path dir) throws Exception {
        PlanResult r = plan(dir, "nodes: {min: 1, max: 2}\nconstraints: {p95Wait: 1 min, meanJct: 1000 h}\n");
        assertTrue(r.chosen().isEmpty());
        Infeasibility why = Infeasibility.of(r).orElseThrow();
        assertEquals(1, why.conflicts().size(), why.conflicts().toString());
        assertTrue(why.conflicts().get(0).startsWith("p95 wait ≤ 1.0 min conflicts with nodes.max = 2: no choice meets it"
                + " with 2 nodes (od gives "), why.conflicts().get(0));
        assertTrue(why.conflicts().get(0).endsWith("raise nodes.max or loosen it"), why.conflicts().get(0));
        // the mean JCT is met everywhere, so it is named nowhere as a conflict; the closest is the most nodes
        assertTrue(why.closest().startsWith("od × 2 nodes on 1 seed"), why.closest());
        assertTrue(why.closest().contains("mean JCT") && why.closest().contains("(met, margin"), why.closest());
    }
}
