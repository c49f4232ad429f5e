package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each tenant's GPU limit for one round, from the scenario's {@code tenants} section, in the
 * same Kueue vocabulary {@code fairshare} uses: a tenant may hold its nominal quota plus what it
 * borrows — the unused quota of the other members of its cohort (quota minus what they hold now),
 * up to its borrowing limit. A tenant without a quota has nominal 0 (it only borrows) as soon as
 * any tenant has one; with no quotas at all, nobody is limited.
 */
final class RoundQuotas {
    private RoundQuotas() {
    }

    static List<TenantQuota> of(SchedulingContext context, List<TenantSpec> tenants) {
        Map<String, TenantSpec> listed = new TreeMap<>();
        tenants.forEach(t -> listed.put(t.name(), t));
        if (listed.values().stream().noneMatch(t -> t.nominalQuotaGpus().isPresent())) {
            return List.of();
        }
        Map<String, Integer> running = new TreeMap<>();
        for (RunningJobView r : context.running()) {
            running.merge(r.tenant(), r.gpus(), Integer::sum);
        }
        TreeSet<String> names = new TreeSet<>(listed.keySet());
        running.keySet().forEach(names::add);
        for (JobView j : context.queue()) {
            names.add(j.tenant());
        }
        Map<String, Long> unusedByCohort = new TreeMap<>();
        for (String t : names) {
            long unused = Math.max(0, nominal(listed, t) - running.getOrDefault(t, 0));
            unusedByCohort.merge(cohort(listed, t), unused, Long::sum);
        }
        List<TenantQuota> out = new ArrayList<>();
        for (String t : names) {
            int held = running.getOrDefault(t, 0);
            long nominal = nominal(listed, t);
            long othersUnused = unusedByCohort.get(cohort(listed, t)) - Math.max(0, nominal - held);
            TenantSpec spec = listed.get(t);
            long borrow = spec != null && spec.borrowingLimitGpus().isPresent()
                    ? Math.min(spec.borrowingLimitGpus().getAsLong(), othersUnused) : othersUnused;
            long limit = Math.min(Integer.MAX_VALUE, nominal + borrow);
            out.add(new TenantQuota(t, (int) limit, held));
        }
        return out;
    }

    private static long nominal(Map<String, TenantSpec> listed, String tenant) {
        TenantSpec t = listed.get(tenant);
        return t == null || t.nominalQuotaGpus().isEmpty() ? 0 : t.nominalQuotaGpus().getAsLong();
    }

    private static String cohort(Map<String, TenantSpec> listed, String tenant) {
        TenantSpec t = listed.get(tenant);
        return t == null ? TenantSpec.DEFAULT_COHORT : t.cohort();
    }
}
