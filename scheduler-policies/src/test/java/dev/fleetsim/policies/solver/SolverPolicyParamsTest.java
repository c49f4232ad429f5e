package dev.fleetsim.policies.solver;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The policy's parameters: defaults and weights read, old quota keys refused, every bad value reported at once. */
class SolverPolicyParamsTest {

    @Test
    void readsWeightsAndBudgets() {
        SolverPolicyParams p = SolverPolicyParams.parse(Map.of("window", 50, "steps", "300",
                "weight.locality", 7, "explain", "ALL"));
        assertEquals(50, p.window());
        assertEquals(300, p.steps());
        assertEquals(7, p.weights().locality());
        assertEquals(ScheduleWeights.DEFAULT_WAITING, p.weights().waiting());
        assertEquals("all", p.explain());
    }

    @Test
    void everyProblemIsReportedWithTheValueAndWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SolverPolicyParams.parse(
                Map.of("window", 0, "colour", "red", "quota.a", 1.5, "explain", "loud")));
        assertEquals(String.join("\n",
                "colour: found unknown parameter \"colour\"; expected a parameter of policy optaplanner: one of window, seed,"
                        + " steps, unimprovedSteps, "
                        + "movesPerStep, explain, weight.waiting, weight.locality, weight.fragmentation, weight.cost, "
                        + "weight.energy",
                "quota.a: found a quota in the policy's parameters; expected " + dev.fleetsim.policies.Tenants.MOVED,
                "window: found 0; expected a whole number from 1 to 100000",
                "explain: found \"loud\"; expected one of changes, all, none"), e.getMessage());
    }
}
