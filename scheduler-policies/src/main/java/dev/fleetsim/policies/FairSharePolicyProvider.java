package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.workload.TenantSpec;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.List;
import java.util.Map;

/**
 * Registers {@link FairSharePolicy} as {@code fairshare}. Parameters: {@code placement};
 * {@code reclaim} (default true). Quotas come from the scenario's {@code tenants} section
 * ({@link Tenants}): nominal quota, borrowing limit (none = may borrow any unused cohort quota)
 * and cohort; with no quotas every tenant with work gets an equal share.
 */
public final class FairSharePolicyProvider implements PolicyProvider {
    private static final String TENANTS = "tenants.";

    @Override
    public String name() {
        return "fairshare";
    }

    @Override
    public String description() {
        return "fair share across tenants, Kueue-style nominal quota, borrowing limit, cohort (from the scenario's "
                + "tenants section), reclaim by preemption; params: placement, reclaim";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        return create(params, List.of());
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params, List<TenantSpec> tenants) {
        Params p = new Params(name(), params, List.of("placement", "reclaim"), List.of(TENANTS));
        for (String key : p.keysUnder(TENANTS)) {
            p.report(key, "a tenant setting in the policy's parameters", Tenants.MOVED);
        }
        PlacementStrategy placement = p.placement();
        boolean reclaim = p.bool("reclaim", true);
        p.check();
        return new FairSharePolicy(placement, Tenants.quotas(tenants), reclaim);
    }
}
