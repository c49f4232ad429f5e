package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyRegistryTest {

    @Test
    void serviceLoaderFindsEveryShippedPolicy() {
        PolicyRegistry registry = PolicyRegistry.load(getClass().getClassLoader());
        assertTrue(registry.names().contains("fifo"), registry.names().toString());
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
        assertTrue(e.getMessage().startsWith("placment: unknown parameter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new FifoPolicyProvider().create(Map.of("placement", "worst-fit")));
        assertTrue(e.getMessage().contains("found 'worst-fit'; expected one of first-fit"), e.getMessage());
    }
}
