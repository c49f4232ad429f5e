package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The read-only view handed to a policy for one round. The running-job views are built only if
 * the policy asks for them, since most rounds of most policies only look at the queue.
 */
final class RoundContext implements SchedulingContext {
    private final long nowNs;
    private final List<JobView> queue;
    private final Collection<Job> running;
    private final ClusterView cluster;
    private List<RunningJobView> runningViews;

    RoundContext(long nowNs, List<JobView> queue, Collection<Job> running, ClusterView cluster) {
        this.nowNs = nowNs;
        this.queue = queue;
        this.running = running;
        this.cluster = cluster;
    }

    @Override
    public long nowNs() {
        return nowNs;
    }

    @Override
    public List<JobView> queue() {
        return queue;
    }

    @Override
    public List<RunningJobView> running() {
        if (runningViews == null) {
            List<RunningJobView> views = new ArrayList<>(running.size());
            for (Job j : running) {
                double done = j.fractionDone(nowNs);
                views.add(new RunningJobView(j.traits, j.runStartNs, done,
                        j.completion == null ? Long.MAX_VALUE : j.completion.timeNs(),
                        (j.attainedGpuNs + (double) j.gpus.length * (nowNs - j.runStartNs)) / 1e9,
                        j.gpus, j.remainingIdealSeconds(done), (j.ranNs + nowNs - j.runStartNs) / 1e9));
            }
            runningViews = Collections.unmodifiableList(views);
        }
        return runningViews;
    }

    @Override
    public ClusterView cluster() {
        return cluster;
    }
}
