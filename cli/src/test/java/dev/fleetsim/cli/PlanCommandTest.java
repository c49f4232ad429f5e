package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetsim plan} from the command line: a small plan runs, prints the answer and the
 * simulations against the grid, and writes a complete folder; a bad plan is refused with every
 * problem's path and exit code 2, and nothing is written. The search itself is tested in the
 * planner module (PlanExamplesTest).
 */
class PlanCommandTest {

    private static Path smallScenario(Path dir) throws Exception {
        String helios = Files.readString(TestPaths.scenarios().resolve("helios-month.yaml"))
                .replace("count: 4000", "count: 200").replace("scale: 0.0155", "scale: 0.000775");
        Path scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, helios);
        return scenario;
    }

    @Test
    void aSmallPlanPrintsItsAnswerAndWritesItsFolder(@TempDir Path dir) throws Exception {
        smallScenario(dir);
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: small\nscenario: small.yaml\noptions:\n"
                + "  - {name: h100, gpuType: H100-SXM, purchase: on-demand}\n  - {name: b200, gpuType: B200, purchase: owned}\n"
                + "nodes: {min: 1, max: 10}\nconstraints: {p95Wait: 2 h}\nseeds: {screen: [1], confirm: [1, 2]}\n");
        Path out = dir.resolve("out");
        CliRunner.Outcome o = CliRunner.fleetsim("plan", plan.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("Plan small: "), o.out());
        assertTrue(o.out().contains("a full grid is 40: 2 choices × 10 node counts × 2 seeds"), o.out());
        assertTrue(o.out().contains("Cheapest meeting every constraint: "), o.out());
        assertTrue(o.err().contains("plan: screening 2 choices"), o.err());
        for (String f : new String[] {"plan.json", "candidates.csv", "points.csv", "pareto.csv", "pareto.png",
                "sensitivity.csv", "chosen-scenario.yaml"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        CliRunner.Outcome run = CliRunner.fleetsim("validate", out.resolve("chosen-scenario.yaml").toString());
        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void aBadPlanIsRefusedWithItsPathsAndNothingIsWritten(@TempDir Path dir) throws Exception {
        smallScenario(dir);
        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, "name: bad\nscenario: small.yaml\noptions: []\nnodes: {min: 1, max: 0}\n"
                + "constraints: {p95Wait: 1 h, servingAttainment: 0.9}\n");
        Path out = dir.resolve("out");
        CliRunner.Outcome o = CliRunner.fleetsim("plan", plan.toString(), "--out", out.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("options: found an empty list; expected a list of {name, gpuType, purchase}"), o.err());
        assertTrue(o.err().contains("nodes.max: found 0"), o.err());
        assertTrue(o.err().contains("constraints.servingAttainment: found unknown constraint"), o.err());
        assertFalse(Files.exists(out));
    }
}
