package dev.fleetsim.engine.run;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.RunningJobs;
import dev.fleetsim.engine.scheduling.SchedulingContext;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The read-only view handed to a policy for one round. The running jobs are listed only if the
 * policy asks for them, and each one's view is built only when asked for ({@link #running()}
 * builds them all; {@link #runningJobs()} reads a job's figures from the engine's own record),
 * since most rounds of most policies only look at the queue.
 */
final class RoundContext implements SchedulingContext, RunningJobs {
    private final long nowNs;
    private final List<JobView> queue;
    private final Collection<Job> running;
    private final ClusterView cluster;
    private Job[] runningJobs;
    private RunningJobView[] views;
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
            RunningJobView[] all = new RunningJobView[size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = view(i);
            }
            runningViews = Collections.unmodifiableList(Arrays.asList(all));
        }
        return runningViews;
    }

    @Override
    public RunningJobs runningJobs() {
        return this;
    }

    @Override
    public ClusterView cluster() {
        return cluster;
    }

    private Job[] jobs() {
        if (runningJobs == null) {
            runningJobs = running.toArray(new Job[0]);
            views = new RunningJobView[runningJobs.length];
        }
        return runningJobs;
    }

    @Override
    public int size() {
        return jobs().length;
    }

    @Override
    public JobTraits job(int i) {
        return jobs()[i].traits;
    }

    @Override
    public long startTimeNs(int i) {
        return jobs()[i].runStartNs;
    }

    @Override
    public double attainedGpuSeconds(int i) {
        return attainedGpuSeconds(jobs()[i]);
    }

    private double attainedGpuSeconds(Job j) {
        return (j.attainedGpuNs + (double) j.gpus.length * (nowNs - j.runStartNs)) / 1e9;
    }

    @Override
    public RunningJobView view(int i) {
        Job j = jobs()[i];
        if (views[i] == null) {
            double done = j.fractionDone(nowNs);
            views[i] = new RunningJobView(j.traits, j.runStartNs, done,
                    j.completion == null ? Long.MAX_VALUE : j.completion.timeNs(), attainedGpuSeconds(j),
                    j.gpus, j.remainingIdealSeconds(done), (j.ranNs + nowNs - j.runStartNs) / 1e9);
        }
        return views[i];
    }
}
