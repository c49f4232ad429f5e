package dev.fleetsim.planner;

import dev.fleetsim.engine.Fleetsim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A plan's quantities carry their unit in the value, as a scenario's do (docs/SCENARIO-FORMAT.md,
 * "Values with units"): a bare budget or wait is refused with its path, the value and the allowed
 * form, never read as US dollars or seconds; with the unit (in any case) it reads.
 */
class PlanUnitsTest {
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    private static PlanSpec read(Path dir, String constraints) throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "name: s\ncluster:\n  nodeGroups:\n"
                + "    - {name: gpus, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}\n"
                + "workload:\n  jobs:\n    - {id: j, model: llama3-8b, precision: bf16, globalBatch: 16, microBatch: 1,"
                + " parallelism: {tp: 2, dp: 4}, zeroStage: 1, recompute: selective, iterations: 10}\n");
        Files.writeString(dir.resolve("p.yaml"), "name: p\nscenario: s.yaml\noptions:\n  - {name: od, gpuType: H100-SXM}\n"
                + "nodes: {min: 1, max: 4}\nconstraints: " + constraints + "\n");
        return new PlanReader(FLEETSIM).read(dir.resolve("p.yaml"));
    }

    @Test
    void aBareBudgetOrWaitIsAnErrorNamingThePathTheValueAndTheForms(@TempDir Path dir) {
        PlanException e = assertThrows(PlanException.class, () -> read(dir, "{p95Wait: 3600, budget: 400000}"));

        assertEquals(List.of("constraints.p95Wait: found 3600 (no unit); expected a duration above 0, "
                        + "a duration such as \"30 s\", \"90 min\", \"2 h\", \"14 d\" (units ns, us, ms, s, min, h, d, w)",
                "constraints.budget: found 400000 (no unit); expected an amount above 0 with its unit, such as"
                        + " \"500000 USD\" (US dollars per month; the unit is required)"), e.problems());
    }

    @Test
    void aQuotedBareBudgetOrAnotherCurrencyIsRefusedToo(@TempDir Path dir) {
        PlanException e = assertThrows(PlanException.class, () -> read(dir, "{p95Wait: 1 h, budget: \"400000\"}"));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals("constraints.budget: found \"400000\"; expected an amount above 0 with its unit, such as"
                + " \"500000 USD\" (US dollars per month; the unit is required)", e.problems().get(0));
        assertThrows(PlanException.class, () -> read(dir, "{p95Wait: 1 h, budget: 400000 EUR}"));
    }

    @Test
    void aBudgetWithItsUnitReadsInAnyCase(@TempDir Path dir) throws Exception {
        PlanSpec plan = read(dir, "{p95Wait: 1 h, budget: 400000 usd}");
        assertEquals(400000, plan.constraints().get(1).limit());
    }
}
