package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.cluster.ClusterView;

import java.util.List;

/**
 * Everything a policy sees in one scheduling round: the time, the queue in submit order, the
 * running jobs and the cluster. All read-only.
 */
public interface SchedulingContext {

    long nowNs();

    List<JobView> queue();

    List<RunningJobView> running();

    ClusterView cluster();
}
