package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.List;
import java.util.Map;

/** Registers {@link BackfillPolicy} as {@code backfill}; parameters {@code placement}, {@code length} (true | estimate). */
public final class BackfillPolicyProvider implements PolicyProvider {
    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public String description() {
        return "FIFO with EASY backfilling (reservation for the head job); params: placement, length (true|estimate)";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        Params p = new Params(name(), params, List.of("placement", "length"));
        PlacementStrategy placement = p.placement();
        LengthBasis length = LengthBasis.from(p);
        p.check();
        return new BackfillPolicy(placement, length);
    }
}
