package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.List;
import java.util.Map;

/** Registers {@link ShortestFirstPolicy}, preemptive, as {@code srtf}; parameters {@code placement}, {@code length} (true | estimate). */
public final class SrtfPolicyProvider implements PolicyProvider {
    @Override
    public String name() {
        return "srtf";
    }

    @Override
    public String description() {
        return "shortest remaining time first, preemptive; params: placement, length (true|estimate)";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        Params p = new Params(name(), params, List.of("placement", "length"));
        PlacementStrategy placement = p.placement();
        LengthBasis length = LengthBasis.from(p);
        p.check();
        return new ShortestFirstPolicy(placement, length, true);
    }
}
