package dev.fleetsim.engine.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keys the scheduling policies need: preemption cost, nested policy parameters, a job's run-time estimate. */
class PolicySectionTest {
    private static final long S = 1_000_000_000L;

    private static final String RICH = MINIMAL.replace("      iterations: 100", "      iterations: 100\n      estimate: 90 min")
            + String.join("\n",
            "policy:",
            "  name: fairshare",
            "  params:",
            "    reclaim: false",
            "    tenants:",
            "      research: {nominalQuota: 8, cohort: lab}",
            "      prod: {nominalQuota: 8, borrowingLimit: 4, cohort: lab}",
            "  preemption: {checkpointInterval: 30 min, restartOverhead: 2 min}",
            "");

    @Test
    void preemptionCostNestedParamsAndEstimateAreRead() throws Exception {
        ScenarioSpec spec = load(RICH);
        assertEquals(new PreemptionSpec(1800 * S, 120 * S), spec.policy().preemption());
        assertEquals(Map.of("reclaim", false, "tenants.research.nominalQuota", 8L, "tenants.research.cohort", "lab",
                "tenants.prod.nominalQuota", 8L, "tenants.prod.borrowingLimit", 4L, "tenants.prod.cohort", "lab"),
                spec.policy().params());
        assertEquals(5400 * S, spec.workload().jobs().get(0).estimateNs().getAsLong());
    }

    @Test
    void defaultsAreFreePreemptionAndNoEstimate() throws Exception {
        ScenarioSpec spec = load(MINIMAL);
        assertEquals(PreemptionSpec.FREE, spec.policy().preemption());
        assertTrue(spec.workload().jobs().get(0).estimateNs().isEmpty());
    }

    @Test
    void roundTripKeepsThemAll() throws Exception {
        ScenarioSpec spec = load(RICH);
        String text = new ScenarioWriter().write(spec);
        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
        assertTrue(text.contains("estimate: 90 min"), text);
        assertTrue(text.contains("checkpointInterval: 30 min"), text);
        assertTrue(text.contains("tenants.prod.borrowingLimit: 4"), text);
        assertTrue(new ScenarioWriter().write(load(MINIMAL)).contains("preemption:\n    checkpointInterval: 0 s\n"
                + "    restartOverhead: 0 s\n"), "defaults are written out");
    }

    @Test
    void badValuesAreReportedWithTheirPaths() {
        List<Problem> bad = problems(MINIMAL.replace("      iterations: 100", "      iterations: 100\n      estimate: 2")
                + "policy:\n  preemption: {checkpointInterval: soon, restart: 1 s}\n");
        assertEquals(List.of(
                new Problem("workload.jobs[0].estimate", "2 (no unit)", "more than 0 s, at most 36500 d (100 years): " + Units.DURATION_UNITS),
                new Problem("policy.preemption.restart", "unknown key \"restart\"",
                        "a key of the preemption cost: one of checkpointInterval, restartOverhead, checkpointCost"
                                + " (did you mean restartOverhead?)"),
                new Problem("policy.preemption.checkpointInterval", "\"soon\"", "from 0 s to 365 d: " + Units.DURATION_UNITS)), bad);
    }

    @Test
    void anEstimateIsNotAGeneratorTemplateKey() {
        String text = MINIMAL + String.join("\n",
                "  generators:",
                "    - name: gen",
                "      count: 2",
                "      meanInterarrival: 1 min",
                "      mix:",
                "        - {name: k, weight: 1, iterations: {min: 1, max: 9},",
                "           job: {model: mpt-7b, precision: bf16, globalBatch: 8, estimate: 1 h}}",
                "");
        List<Problem> bad = problems(text);
        assertEquals(1, bad.size(), bad.toString());
        assertEquals("workload.generators[0].mix[0].job.estimate", bad.get(0).path());
        assertTrue(bad.get(0).allowed().contains("belongs to a listed job"), bad.get(0).allowed());
    }
}
