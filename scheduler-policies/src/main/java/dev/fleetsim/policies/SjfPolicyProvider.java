package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.List;
import java.util.Map;

/** Registers {@link ShortestFirstPolicy}, non-preemptive, as {@code sjf}; parameters {@code placement}, {@code length} (true | estimate). */
public final class SjfPolicyProvider implements PolicyProvider {
    @Override
    public String name() {
        return "sjf";
    }

    @Override
    public String description() {
        return "shortest job first, non-preemptive, skips jobs that do not fit; params: placement, length (true|estimate)";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        Params p = new Params(name(), params, List.of("placement", "length"));
        PlacementStrategy placement = p.placement();
        LengthBasis length = LengthBasis.from(p);
        p.check();
        return new ShortestFirstPolicy(placement, length, false);
    }
}
