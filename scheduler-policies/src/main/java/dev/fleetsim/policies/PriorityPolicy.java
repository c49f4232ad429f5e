package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.policies.placement.PlacementStrategy;

/**
 * Strict priority classes: the job's {@code priority} (larger is more important) orders the
 * queue, FIFO inside a class; a job that does not fit is skipped. With preemption on, a queued
 * job may preempt running jobs of strictly lower classes, lowest class first.
 */
public final class PriorityPolicy extends RankedPolicy {

    public PriorityPolicy(PlacementStrategy placement, boolean preemptive) {
        super(placement, preemptive);
    }

    @Override
    double rank(JobView job, long nowNs) {
        return -(double) job.priority();
    }

    @Override
    double rank(RunningJobView job, long nowNs) {
        return -(double) job.priority();
    }

    @Override
    String describe(double rank) {
        return "priority " + (long) -rank;
    }
}
