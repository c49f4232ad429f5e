package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;
import dev.fleetsim.policies.round.RoundPlan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The shape SJF, SRTF, LAS and priority classes share: every job has a rank (smaller is served
 * first, ties in submit order); queued jobs are placed in rank order, and one that does not fit
 * is skipped (the policy is work-conserving). A preemptive policy may then stop running jobs of
 * a strictly worse rank, worst first and most recently started first among equals, when that
 * makes room. Because the queue is tried in rank order, once a job has no worse-ranked running
 * job to displace and no free GPU is left, no later job can have one either, so the round ends.
 */
abstract class RankedPolicy implements SchedulingPolicy {
    private final PlacementStrategy placement;
    private final boolean preemptive;

    RankedPolicy(PlacementStrategy placement, boolean preemptive) {
        this.placement = placement;
        this.preemptive = preemptive;
    }

    /** Rank of a queued job; smaller goes first. */
    abstract double rank(JobView job, long nowNs);

    /** Rank of a running job, comparable with queued jobs' ranks. */
    abstract double rank(RunningJobView job, long nowNs);

    /** Called once at the start of a round, before any rank is asked for. */
    void beginRound(SchedulingContext context) {
    }

    /**
     * When the policy wants its next round even if nothing else happens (ranks that change with
     * time), given how this round leaves the jobs.
     */
    OptionalLong wakeAt(long nowNs, RoundOutcome outcome) {
        return OptionalLong.empty();
    }


    /** A short name for a rank in explanations: "queue 2", "priority 5", "1234 s left". */
    abstract String describe(double rank);

    private record Ranked<T>(T job, double rank, long submitNs, long startNs, String id) {
    }

    @Override
    public SchedulingDecision schedule(SchedulingContext context) {
        long now = context.nowNs();
        beginRound(context);
        RoundPlan plan = new RoundPlan(context, placement);
        List<Ranked<RunningJobView>> victims = new ArrayList<>();
        double worstRunning = Double.NEGATIVE_INFINITY;
        if (preemptive) {
            for (RunningJobView r : context.running()) {
                double rank = rank(r, now);
                worstRunning = Math.max(worstRunning, rank);
                victims.add(new Ranked<>(r, rank, r.submitTimeNs(), r.startTimeNs(), r.id()));
            }
            // Least deserving first: worst rank, then the most recently started (least to lose), then id.
            victims.sort(Comparator.comparingDouble((Ranked<RunningJobView> r) -> -r.rank)
                    .thenComparingLong(r -> -r.startNs).thenComparing(r -> r.id));
        }
        // Only jobs that may fit in the free GPUs, or may displace a worse-ranked running job, can
        // start this round; the others are left out of the sort, which keeps rounds cheap on a long
        // queue. (GPUs a preemption frees but its preemptor leaves unused are offered to the sorted
        // jobs only; the next round offers them to all.)
        int maxFree = plan.maxFreeGpusOfAnyType();
        List<Ranked<JobView>> queue = new ArrayList<>();
        for (JobView j : context.queue()) {
            double rank = rank(j, now);
            if (j.gpus() <= maxFree || rank < worstRunning) {
                queue.add(new Ranked<>(j, rank, j.submitTimeNs(), 0, j.id()));
            }
        }
        queue.sort(Comparator.comparingDouble((Ranked<JobView> r) -> r.rank).thenComparingLong(r -> r.submitNs)
                .thenComparing(r -> r.id));
        List<JobView> started = new ArrayList<>();
        List<RunningJobView> preempted = new ArrayList<>();
        for (Ranked<JobView> q : queue) {
            if (plan.place(q.job)) {
                started.add(q.job);
                continue;
            }
            List<RunningJobView> worse = new ArrayList<>();
            for (Ranked<RunningJobView> v : victims) {
                if (v.rank <= q.rank) {
                    break;
                }
                if (!plan.isPreempted(v.id)) {
                    worse.add(v.job);
                }
            }
            if (worse.isEmpty()) {
                if (plan.freeGpus() == 0) {
                    break;
                }
                continue;
            }
            double queuedRank = q.rank;
            List<RunningJobView> stopped = plan.placeByPreempting(q.job, worse, v -> new Explanation(v.id(), "preempted",
                    "preempted for " + q.id + " (" + describe(queuedRank) + ", ahead of " + describe(rank(v, now)) + ")",
                    Map.of("for", q.id)));
            if (!stopped.isEmpty()) {
                started.add(q.job);
                preempted.addAll(stopped);
            }
        }
        return plan.decision(wakeAt(now, new RoundOutcome(context, plan, started, preempted)));
    }

    /**
     * The jobs as a round leaves them: those started (given as their queued views), those
     * preempted, and, built on demand, those still waiting and those still running.
     */
    static final class RoundOutcome {
        private final SchedulingContext context;
        private final RoundPlan plan;
        private final List<JobView> started;
        private final List<RunningJobView> preempted;

        RoundOutcome(SchedulingContext context, RoundPlan plan, List<JobView> started, List<RunningJobView> preempted) {
            this.context = context;
            this.plan = plan;
            this.started = started;
            this.preempted = preempted;
        }

        List<JobView> started() {
            return started;
        }

        List<RunningJobView> preempted() {
            return preempted;
        }

        /** Queued jobs not started this round (preempted ones are in {@link #preempted()}). */
        List<JobView> waiting() {
            java.util.Set<JobView> go = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            go.addAll(started);
            List<JobView> out = new ArrayList<>();
            for (JobView j : context.queue()) {
                if (!go.contains(j)) {
                    out.add(j);
                }
            }
            return out;
        }

        /** Running jobs not preempted this round (jobs started now are in {@link #started()}). */
        List<RunningJobView> running() {
            List<RunningJobView> out = new ArrayList<>();
            for (RunningJobView r : context.running()) {
                if (!plan.isPreempted(r.id())) {
                    out.add(r);
                }
            }
            return out;
        }
    }
}
