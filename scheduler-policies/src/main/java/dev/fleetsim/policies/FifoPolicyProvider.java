package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategies;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Registers {@link FifoPolicy} as {@code fifo}; parameter {@code placement} (default {@code first-fit}). */
public final class FifoPolicyProvider implements PolicyProvider {
    private static final Set<String> PARAMS = Set.of("placement");

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public String description() {
        return "strict first-in first-out, head-of-line blocking; params: placement (first-fit)";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        for (String key : params.keySet()) {
            if (!PARAMS.contains(key)) {
                throw new IllegalArgumentException(key + ": unknown parameter of policy fifo; allowed: " + new TreeSet<>(PARAMS));
            }
        }
        return new FifoPolicy(PlacementStrategies.byName(params.getOrDefault("placement", "first-fit")));
    }
}
