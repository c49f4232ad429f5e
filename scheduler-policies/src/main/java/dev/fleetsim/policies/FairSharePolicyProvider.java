package dev.fleetsim.policies;

import dev.fleetsim.engine.scenario.Echo;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Registers {@link FairSharePolicy} as {@code fairshare}. Parameters: {@code placement};
 * {@code reclaim} (default true); per tenant, as a nested map {@code tenants: {NAME:
 * {nominalQuota: 16, borrowingLimit: 8, cohort: research}}} (quota and limit in GPUs; no
 * borrowing limit = may borrow any unused cohort quota; cohort default {@code default}).
 */
public final class FairSharePolicyProvider implements PolicyProvider {
    private static final String TENANTS = "tenants.";
    private static final List<String> TENANT_FIELDS = List.of("borrowingLimit", "cohort", "nominalQuota");

    @Override
    public String name() {
        return "fairshare";
    }

    @Override
    public String description() {
        return "fair share across tenants, Kueue-style nominal quota, borrowing limit, cohort, reclaim by preemption; "
                + "params: placement, reclaim, tenants.NAME.{nominalQuota, borrowingLimit, cohort}";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        Params p = new Params(name(), params, List.of("placement", "reclaim"), List.of(TENANTS));
        Map<String, List<String>> fieldsByTenant = new TreeMap<>();
        for (String key : p.keysUnder(TENANTS)) {
            String rest = key.substring(TENANTS.length());
            int dot = rest.lastIndexOf('.');
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !TENANT_FIELDS.contains(field)) {
                p.report(key, "unknown tenant setting " + Echo.quoted(field),
                        "tenants.NAME.FIELD with FIELD one of " + String.join(", ", TENANT_FIELDS));
                continue;
            }
            fieldsByTenant.computeIfAbsent(rest.substring(0, dot), k -> new ArrayList<>()).add(field);
        }
        List<TenantQuota> quotas = new ArrayList<>();
        for (String tenant : fieldsByTenant.keySet()) {
            String at = TENANTS + tenant + ".";
            if (!p.has(at + "nominalQuota")) {
                p.report(at + "nominalQuota", "nothing", "a whole number of GPUs, 0 or more");
            }
            long nominal = p.integer(at + "nominalQuota", 0, 0, 100_000_000);
            OptionalLong limit = p.has(at + "borrowingLimit")
                    ? OptionalLong.of(p.integer(at + "borrowingLimit", 0, 0, 100_000_000)) : OptionalLong.empty();
            quotas.add(new TenantQuota(tenant, nominal, limit, p.text(at + "cohort", FairSharePolicy.DEFAULT_COHORT)));
        }
        PlacementStrategy placement = p.placement();
        boolean reclaim = p.bool("reclaim", true);
        p.check();
        return new FairSharePolicy(placement, quotas, reclaim);
    }
}
