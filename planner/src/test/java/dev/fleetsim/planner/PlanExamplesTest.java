package dev.fleetsim.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example plans of scenarios/plans, each read from its file and run on a reduced variant
 * (a tenth of the jobs over the same month, node counts to match, two confirm seeds) so the
 * suite stays fast: the answer meets every constraint, one node fewer does not, no other
 * confirmed choice is cheaper, the search runs far fewer simulations than the grid, the Pareto
 * front is non-dominated, the folder is complete and its chosen scenario runs to the figures
 * the plan recorded. The full plans are timed in docs/PERFORMANCE.md.
 */
class PlanExamplesTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    static Path plans() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scenarios/plans"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "no scenarios/plans above the working directory");
        return p.resolve("scenarios/plans");
    }

    /** The plan at a tenth of its load, nodes {@code min..max}, confirmed on seeds 1 and 2. */
    static PlanSpec reduced(String file, int min, int max) throws PlanException {
        PlanSpec p = new PlanReader(FLEETSIM).read(plans().resolve(file));
        ScenarioSpec base = p.base().withWorkload(Load.scaled(p.base().workload(), 0.1));
        return new PlanSpec(p.name(), base, p.group(), p.options(), min, max, p.oversubscriptions(), p.policies(),
                p.constraints(), List.of(1L), List.of(1L, 2L));
    }

    private static void check(PlanSpec plan, PlanResult r, Path dir) throws Exception {
        Candidate chosen = r.chosen().orElseThrow(() -> new AssertionError("no plan: " + r.candidates()));
        assertTrue(chosen.confirmed());
        for (int i = 0; i < plan.constraints().size(); i++) {
            Constraint c = plan.constraints().get(i);
            assertTrue(c.met(chosen.metrics().get(i).mean()), c.describe() + " at the chosen point");
        }
        for (Candidate c : r.candidates()) {
            if (c.confirmed() && c.withinBudget()) {
                assertTrue(c.costUsdPerMonth().mean() >= chosen.costUsdPerMonth().mean(), c.label() + " is cheaper");
            }
        }
        // the fewest nodes: one fewer misses a constraint on the confirm seeds (or leaves jobs too big for the fleet)
        Search s = new Search(plan, new Evaluator(FLEETSIM, plan, () -> false, (e, n) -> { }));
        if (chosen.nodes() > s.minNodes()) {
            assertFalse(s.serviceMet(chosen.choice(), chosen.nodes() - 1, plan.confirmSeeds(), 1.0));
        }
        // every point once: the plan's own points, and the sensitivity runs at other loads
        assertTrue(r.simulations() < r.fullGrid(), r.simulations() + " of " + r.fullGrid());
        assertTrue(r.points().size() <= r.simulations());
        assertEquals(r.points().size(), r.points().stream().map(e -> e.choice() + e.nodes() + "/" + e.seed()).distinct().count());
        double better = plan.constraints().get(r.paretoMetric()).metric().upper() ? 1 : -1;
        for (PlanResult.ParetoPoint p : r.pareto()) {
            for (PlanResult.ParetoPoint q : r.pareto()) {
                assertFalse(q != p && q.costUsdPerMonth() <= p.costUsdPerMonth() && better * q.metric() < better * p.metric(),
                        q + " dominates " + p);
            }
        }
        assertTrue(r.sensitivity().stream().anyMatch(x -> x.change().startsWith("load +10")));
        assertTrue(r.sensitivity().stream().anyMatch(x -> x.effect().contains("binding")));
        List<String> files = PlanWriter.write(r, dir, true, () -> false);
        for (String f : files) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("plan.json").toFile());
        assertEquals(chosen.nodes(), json.path("chosen").path("nodes").asInt());
        assertEquals(r.simulations(), json.path("search").path("simulations").asInt());
        // the chosen configuration as a scenario file runs, and gives the figures the plan recorded for seed 1
        ScenarioSpec again = FLEETSIM.validate(dir.resolve(PlanWriter.CHOSEN)).orThrow();
        RunResult run = FLEETSIM.run(again, SimulationObserver.NONE);
        Evaluation seed1 = r.points().stream().filter(e -> e.choice().equals(chosen.label()) && e.nodes() == chosen.nodes()
                && e.seed() == 1).findFirst().orElseThrow();
        assertEquals(seed1.metrics()[0], plan.constraints().get(0).value(run.summary(), 0), 1e-6);
        // and its cost per month is the run's own (one place prices a fleet: the run summary's FleetCost)
        assertEquals(seed1.cost().totalUsdPerMonth(), run.summary().cost().usdPerMonth(), 1e-6);
    }

    @Test
    void rentH100VsBuyB200(@TempDir Path dir) throws Exception {
        PlanSpec plan = reduced("rent-h100-vs-buy-b200.yaml", 1, 12);
        assertEquals(3, plan.options().size());
        PlanResult r = new Planner(FLEETSIM, 2).plan(plan, PlanProgress.NONE);
        check(plan, r, dir);
    }

    @Test
    void ownedBaseSpotBurstAndTheSameAnswerOnOneThread(@TempDir Path dir) throws Exception {
        PlanSpec plan = reduced("owned-base-spot-burst.yaml", 0, 6);
        PlanResult r = new Planner(FLEETSIM, 2).plan(plan, PlanProgress.NONE);
        check(plan, r, dir.resolve("two"));
        PlanResult one = new Planner(FLEETSIM, 1).plan(plan, PlanProgress.NONE);
        assertEquals(PlanWriter.candidatesCsv(r), PlanWriter.candidatesCsv(one));
        assertEquals(PlanWriter.pointsCsv(r).replaceAll(",[0-9.]+\n", "\n"), PlanWriter.pointsCsv(one).replaceAll(",[0-9.]+\n", "\n"));
    }

    @Test
    void serveAndTrainSizesTheFleetForTheSloAndTheWaitTogether(@TempDir Path dir) throws Exception {
        PlanSpec plan = reduced("serve-and-train.yaml", 2, 6);
        assertEquals(Constraint.Metric.SLO_ATTAINMENT, plan.constraints().get(1).metric());
        assertEquals(List.of("priority", "fifo"), plan.policies());
        PlanResult r = new Planner(FLEETSIM, 2).plan(plan, PlanProgress.NONE);
        check(plan, r, dir);
        // every point ran the assistant: its attainment is a fraction, not the 0 of a run without services
        assertTrue(r.points().stream().allMatch(e -> e.metrics()[1] > 0 && e.metrics()[1] <= 1), r.points().toString());
    }

    @Test
    void aServingConstraintOnAScenarioWithoutServicesIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("no-services.yaml");
        Files.writeString(f, "name: x\nscenario: " + plans().resolve("../helios-month.yaml") + "\n"
                + "options:\n  - {name: a, gpuType: H100-SXM}\nnodes: {min: 1, max: 4}\n"
                + "constraints: {minSloAttainment: 0.99, minTrainingTokensPerDay: lots}\n");
        String m = assertThrows(PlanException.class, () -> new PlanReader(FLEETSIM).read(f)).getMessage();
        assertTrue(m.contains("constraints.minSloAttainment: found 0.99, but the scenario"), m);
        assertTrue(m.contains("has no services; expected a scenario with workload.services"), m);
        assertTrue(m.contains("constraints.minTrainingTokensPerDay: found \"lots\"; expected a token count above 0"), m);
        // a named service must be one of the scenario's
        Files.writeString(f, "name: x\nscenario: " + plans().resolve("../serving-and-training.yaml") + "\n"
                + "options:\n  - {name: a, gpuType: H100-SXM}\nnodes: {min: 2, max: 4}\n"
                + "constraints: {minSloAttainment: {assistent: 0.99}, minTrainingTokensPerDay: 20B}\n");
        m = assertThrows(PlanException.class, () -> new PlanReader(FLEETSIM).read(f)).getMessage();
        assertTrue(m.contains("constraints.minSloAttainment.assistent: found service \"assistent\"; expected a service of"
                + " the scenario: assistant"), m);
        Files.writeString(f, "name: x\nscenario: " + plans().resolve("../serving-and-training.yaml") + "\n"
                + "options:\n  - {name: a, gpuType: H100-SXM}\nnodes: {min: 2, max: 4}\n"
                + "constraints: {minSloAttainment: {assistant: 0.99}, minTrainingTokensPerDay: 20B}\n");
        PlanSpec ok = new PlanReader(FLEETSIM).read(f);
        assertEquals(new Constraint(Constraint.Metric.SLO_ATTAINMENT, 0.99, "assistant"), ok.constraints().get(0));
        assertEquals("minSloAttainment.assistant", ok.constraints().get(0).key());
        assertEquals(new Constraint(Constraint.Metric.TRAINING_TOKENS_PER_DAY, 20e9), ok.constraints().get(1));
    }

    @Test
    void aBadPlanIsRefusedWithEveryProblemAndItsPath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: bad\nscenario: " + plans().resolve("../helios-month.yaml") + "\n"
                + "options:\n  - {name: a, gpuType: H100-SXMM, purchase: on-demand}\n  - {name: b, gpuType: P40, purchase: owned}\n"
                + "nodes: {min: 9, max: 4}\nconstraints: {p95Wait: soon, tokensPerDay: 1B}\nextra: 1\n");
        PlanException e = assertThrows(PlanException.class, () -> new PlanReader(FLEETSIM).read(f));
        String m = e.getMessage();
        for (String path : List.of("options[0].gpuType: found \"H100-SXMM\"", "options[1].purchase: found owned for P40",
                "nodes.max: found 4", "constraints.p95Wait: found \"soon\"", "constraints.tokensPerDay", "extra: found unknown key")) {
            assertTrue(m.contains(path), path + " in\n" + m);
        }
    }
}
