package dev.fleetsim.policies;

import dev.fleetsim.engine.workload.TenantSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenario's {@code tenants} section as the quota-aware policies read it: the one home of
 * quotas, borrowing limits, cohorts and tenant priorities. Quotas in a policy's own parameters
 * (the old {@code policy.params.tenants.NAME.nominalQuota} of {@code fairshare},
 * {@code quota.NAME} of {@code optaplanner}) are refused with {@link #MOVED}, so two policies
 * compared on one scenario can never run with different quotas.
 */
public final class Tenants {
    /** What a quota in a policy's parameters is told to become. */
    public static final String MOVED = "the quota in the scenario's tenants section, which every quota-aware policy reads: "
            + "tenants: {NAME: {nominalQuota: 16, borrowingLimit: 8, cohort: lab, priority: 1}} (docs/POLICIES.md, Tenants)";

    private Tenants() {
    }

    /** The tenants that have a nominal quota, as Kueue quotas. */
    public static List<TenantQuota> quotas(List<TenantSpec> tenants) {
        List<TenantQuota> out = new ArrayList<>();
        for (TenantSpec t : tenants) {
            if (t.nominalQuotaGpus().isPresent()) {
                out.add(new TenantQuota(t.name(), t.nominalQuotaGpus().getAsLong(), t.borrowingLimitGpus(), t.cohort()));
            }
        }
        return out;
    }

    /** Each listed tenant's priority, by name (unlisted tenants have priority 0). */
    public static Map<String, Integer> priorities(List<TenantSpec> tenants) {
        Map<String, Integer> out = new TreeMap<>();
        tenants.forEach(t -> out.put(t.name(), t.priority()));
        return out;
    }
}
