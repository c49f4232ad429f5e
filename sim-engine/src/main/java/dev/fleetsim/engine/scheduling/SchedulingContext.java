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

    /**
     * The same running jobs, read figure by figure without building every view (an engine builds
     * a view only when asked for it); by default read from {@link #running()}.
     */
    default RunningJobs runningJobs() {
        return RunningJobs.of(running());
    }

    ClusterView cluster();
}
