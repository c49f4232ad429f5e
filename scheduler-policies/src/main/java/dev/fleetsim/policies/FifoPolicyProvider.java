package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.List;
import java.util.Map;

/** Registers {@link FifoPolicy} as {@code fifo}; parameter {@code placement} (default {@code first-fit}). */
public final class FifoPolicyProvider implements PolicyProvider {
    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public String description() {
        return "strict first-in first-out, head-of-line blocking; params: placement (first-fit, best-fit or consolidate, topology-aware, spread)";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        Params p = new Params(name(), params, List.of("placement"));
        PlacementStrategy placement = p.placement();
        p.check();
        return new FifoPolicy(placement);
    }
}
