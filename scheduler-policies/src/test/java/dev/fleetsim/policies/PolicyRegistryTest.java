package dev.fleetsim.policies;

import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scheduling.PolicyParameterException;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.policies.placement.PlacementStrategies;
import dev.fleetsim.policies.solver.OptaPlannerPolicyProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyRegistryTest {

    @Test
    void serviceLoaderFindsEveryShippedPolicy() {
        PolicyRegistry registry = PolicyRegistry.load(getClass().getClassLoader());
        assertTrue(registry.names().containsAll(List.of("backfill", "fairshare", "fifo", "las", "priority", "sjf", "srtf")),
                registry.names().toString());
        for (PolicyProvider p : registry.providers().values()) {
            assertNotNull(p.create(Map.of()), p.name() + " must work with default parameters");
            assertTrue(!p.description().isBlank());
        }
    }

    @Test
    void duplicateNamesAreRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PolicyRegistry.of(List.of(new FifoPolicyProvider(), new FifoPolicyProvider())));
        assertTrue(e.getMessage().contains("'fifo'"), e.getMessage());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyRegistry.of(List.of(new FifoPolicyProvider())).get("lifo"));
        assertTrue(e.getMessage().contains("known policies: fifo"), e.getMessage());
    }

    @Test
    void unknownParameterAndPlacementAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FifoPolicyProvider().create(Map.of("placment", "first-fit")));
        assertEquals("placment: found unknown parameter \"placment\"; expected a parameter of policy fifo: one of placement"
                + " (did you mean placement?)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new FifoPolicyProvider().create(Map.of("placement", "worst-fit")));
        // worst fit (the emptiest bin first) is what spread does; it is no typo of first-fit, as this once suggested
        assertEquals("placement: found \"worst-fit\"; expected one of best-fit, consolidate, first-fit, spread, topology-aware"
                + " (worst-fit is what spread does: did you mean spread?)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new FifoPolicyProvider().create(Map.of("placement", "frist-fit")));
        assertTrue(e.getMessage().endsWith("(did you mean first-fit?)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new FifoPolicyProvider().create(Map.of("placement", "bset-fit")));
        assertTrue(e.getMessage().endsWith("(did you mean best-fit?)"), e.getMessage());
    }

    /** Each message starts with the parameter's key, so "policy.params." in front of it is a path into the scenario. */
    @Test
    void badParametersAreNamedWithWhatWasFoundAndWhatIsAllowed() {
        assertEquals("length: found \"ideal\"; expected one of true, estimate",
                message(new SjfPolicyProvider(), Map.of("length", "ideal")));
        assertEquals("length: found 7; expected one of true, estimate", message(new BackfillPolicyProvider(), Map.of("length", 7L)));
        assertEquals("thresholds: found \"10 h, 1 h\"; expected durations separated by commas, increasing, each above zero,"
                + " e.g. \"1 h, 10 h\"", message(new LasPolicyProvider(), Map.of("thresholds", "10 h, 1 h")));
        assertEquals("starvation: found -1; expected a number from 0 to 1000000",
                message(new LasPolicyProvider(), Map.of("starvation", -1L)));
        assertEquals("preempt: found \"yes\"; expected true or false", message(new PriorityPolicyProvider(), Map.of("preempt", "yes")));
        assertEquals("tenants.a.nominalQuota: found a tenant setting in the policy's parameters; expected " + Tenants.MOVED,
                message(new FairSharePolicyProvider(), Map.of("tenants.a.nominalQuota", 2.5)));
        assertEquals("quota: found unknown parameter \"quota\"; expected a parameter of policy fairshare: one of placement,"
                + " reclaim, tenants.…", message(new FairSharePolicyProvider(), Map.of("quota", 4L)));
    }

    /** Every ordering policy combines with every placement; the solver policy chooses GPU groups itself. */
    @Test
    void everyOrderingPolicyTakesEveryPlacement() {
        for (PolicyProvider p : PolicyRegistry.load(getClass().getClassLoader()).providers().values()) {
            if (p.name().equals("optaplanner")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> p.create(Map.of("placement", "first-fit")));
                assertTrue(e.getMessage().startsWith("placement: found unknown parameter"), e.getMessage());
                continue;
            }
            for (String placement : PlacementStrategies.names()) {
                assertNotNull(p.create(Map.of("placement", placement)), p.name() + " with " + placement);
            }
        }
    }

    /** Every bad parameter is reported at once, as problems with the key as path, by every provider. */
    @Test
    void everyProblemIsReportedTogether() {
        List<Problem> las = new LasPolicyProvider().problems(Map.of("placement", "diagonal", "starvation", -1L,
                "thresholds", "10 h, 1 h", "colour", "red"));
        assertEquals(List.of(
                new Problem("colour", "unknown parameter \"colour\"",
                        "a parameter of policy las: one of placement, starvation, thresholds"),
                new Problem("thresholds", "\"10 h, 1 h\"",
                        "durations separated by commas, increasing, each above zero, e.g. \"1 h, 10 h\""),
                new Problem("placement", "\"diagonal\"", "one of best-fit, consolidate, first-fit, spread, topology-aware"),
                new Problem("starvation", "-1", "a number from 0 to 1000000")), las);
        List<Problem> fairshare = new FairSharePolicyProvider().problems(Map.of("tenants.a.cohort", "x",
                "tenants.b.nominalQuota", -2L, "reclaim", "sometimes"));
        assertEquals(List.of("tenants.a.cohort", "tenants.b.nominalQuota", "reclaim"),
                fairshare.stream().map(Problem::path).toList());
        PolicyParameterException solver = assertThrows(PolicyParameterException.class,
                () -> new OptaPlannerPolicyProvider().create(Map.of("window", 0L, "explain", "loud", "quota.a", -1L)));
        assertEquals(List.of("quota.a", "window", "explain"), solver.problems().stream().map(Problem::path).toList());
        assertEquals(List.of(), new FifoPolicyProvider().problems(Map.of("placement", "spread")));
    }

    private static String message(PolicyProvider provider, Map<String, Object> params) {
        return assertThrows(IllegalArgumentException.class, () -> provider.create(params)).getMessage();
    }
}
