package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.workload.TenantSpec;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.List;
import java.util.Map;

/**
 * Registers {@link PriorityPolicy} as {@code priority}; parameters {@code placement}, {@code preempt}
 * (default true). Tenant priorities come from the scenario's {@code tenants} section.
 */
public final class PriorityPolicyProvider implements PolicyProvider {
    @Override
    public String name() {
        return "priority";
    }

    @Override
    public String description() {
        return "strict priority classes (tenant priority, then job priority), FIFO inside a class, preempts lower "
                + "classes; params: placement, preempt";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        return create(params, List.of());
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params, List<TenantSpec> tenants) {
        Params p = new Params(name(), params, List.of("placement", "preempt"));
        PlacementStrategy placement = p.placement();
        boolean preempt = p.bool("preempt", true);
        p.check();
        return new PriorityPolicy(placement, preempt, Tenants.priorities(tenants));
    }
}
