package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.Map;

/**
 * Strict priority classes: a job's class is its tenant's priority (the scenario's
 * {@code tenants} section; 0 for a tenant not listed), then its own {@code priority}; larger is
 * more important, FIFO inside a class; a job that does not fit is skipped. With preemption on,
 * a queued job may preempt running jobs of strictly lower classes, lowest class first.
 */
public final class PriorityPolicy extends RankedPolicy {
    /** Tenant priority weighs more than any job priority: a job priority is a 32-bit int. */
    private static final double TENANT_WEIGHT = 4_294_967_296.0;
    private final Map<String, Integer> tenantPriorities;

    public PriorityPolicy(PlacementStrategy placement, boolean preemptive) {
        this(placement, preemptive, Map.of());
    }

    public PriorityPolicy(PlacementStrategy placement, boolean preemptive, Map<String, Integer> tenantPriorities) {
        super(placement, preemptive);
        this.tenantPriorities = Map.copyOf(tenantPriorities);
    }

    @Override
    double rank(JobView job, long nowNs) {
        return -(tenantPriorities.getOrDefault(job.tenant(), 0) * TENANT_WEIGHT + job.priority());
    }

    @Override
    double rank(RunningJobView job, long nowNs) {
        return -(tenantPriorities.getOrDefault(job.tenant(), 0) * TENANT_WEIGHT + job.priority());
    }

    @Override
    String describe(double rank) {
        long v = (long) -rank;
        long tenant = Math.floorDiv(v + (1L << 31), 1L << 32);
        long job = v - tenant * (1L << 32);
        return tenant == 0 ? "priority " + job : "tenant priority " + tenant + ", priority " + job;
    }
}
