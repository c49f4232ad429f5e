package dev.fleetsim.engine.workload;

import java.util.OptionalLong;

/**
 * One tenant (a team) of the cluster, from the scenario's {@code tenants} section: the one home
 * of the quota vocabulary that every quota-aware policy reads ({@code fairshare}, {@code
 * optaplanner}, {@code priority}). In Kubernetes Kueue's words: a nominal quota of GPUs the
 * tenant is guaranteed, a borrowing limit beyond it (from the unused quota of its cohort), the
 * cohort it shares quota with, and a priority.
 *
 * @param name the tenant name jobs carry ({@code tenant} of a job, {@code tenants} of a generator)
 * @param nominalQuotaGpus GPUs guaranteed; empty = no quota (may use anything free)
 * @param borrowingLimitGpus GPUs it may hold beyond its quota; empty = any unused quota of its cohort
 * @param cohort the group whose members lend each other unused quota
 * @param priority larger = more important; ranks the tenant's jobs before lower tenants' under {@code priority}
 */
public record TenantSpec(String name, OptionalLong nominalQuotaGpus, OptionalLong borrowingLimitGpus, String cohort,
                         int priority) {
    public static final String DEFAULT_COHORT = "default";

    /** The most GPUs the tenant may hold at once: quota plus borrowing limit; empty when unlimited. */
    public OptionalLong capGpus() {
        if (nominalQuotaGpus.isEmpty() || borrowingLimitGpus.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(nominalQuotaGpus.getAsLong() + borrowingLimitGpus.getAsLong());
    }
}
