package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.RunningJobs;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.policies.round.RoundPlan;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One LAS round: the ranked round of {@link RankedPolicy} (queued jobs in queue order, then
 * submit order; a job that does not fit may preempt running jobs of strictly lower queues, the
 * lowest queue and the most recently started first; the round ends once a job finds neither room
 * nor a lower-queue victim and no GPU is free), decision for decision, at the cost of what it
 * decides. Most rounds start an arrival that fits and leave nothing waiting: they never read a
 * running job. When they must (a job needing more GPUs than are free, a job that does not fit, a
 * job left waiting, which needs the next demotion time), the running jobs' service and start
 * times are read once, as numbers ({@link RunningJobs}); views are built only of the victims a
 * preemption tries. Victims are ordered by counting: the engine lists running jobs in start order,
 * so each queue's jobs, read backwards, are already the most recently started first.
 */
final class LasRound {
    private static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::rank)
            .thenComparingLong((Candidate c) -> c.job.submitTimeNs()).thenComparing(c -> c.job.id());
    private static final Comparator<RunningJobView> VICTIM_TIES = Comparator
            .comparingLong((RunningJobView r) -> -r.startTimeNs()).thenComparing(RunningJobView::id);

    private final LasPolicy las;
    private final SchedulingContext context;
    private final RoundPlan plan;
    private final long now;
    private final List<JobView> queue;
    private final int[] queueRank;
    private final boolean[] startedAt;
    private final List<JobView> started = new ArrayList<>();
    private final List<RunningJobView> preempted = new ArrayList<>();
    private final List<Integer> preemptedAt = new ArrayList<>();

    /** The running jobs, read on first need. */
    private RunningJobs running;
    private double[] runService;
    private int[] runRank;
    private boolean[] runPreempted;
    /** Worst queue of a running job, -1 with none running. */
    private int worstRunning;
    /** Running jobs past queue 0, least deserving first; {@code above[q]}: how many lead the list with a queue after {@code q}. */
    private int[] victims;
    private int[] above;

    private record Candidate(int at, JobView job, int rank) {
    }

    LasRound(LasPolicy las, SchedulingContext context, RoundPlan plan) {
        this.las = las;
        this.context = context;
        this.plan = plan;
        this.now = context.nowNs();
        this.queue = context.queue();
        this.queueRank = new int[queue.size()];
        this.startedAt = new boolean[queue.size()];
    }

    SchedulingDecision decide() {
        // Only jobs that may fit in the free GPUs, or may displace a lower-queue running job, can start.
        int maxFree = plan.maxFreeGpusOfAnyType();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < queue.size(); i++) {
            JobView j = queue.get(i);
            int rank = las.queueOf(j);
            queueRank[i] = rank;
            if (j.gpus() <= maxFree || rank < worstRunning()) {
                candidates.add(new Candidate(i, j, rank));
            }
        }
        candidates.sort(ORDER);
        for (Candidate c : candidates) {
            if (plan.place(c.job)) {
                start(c);
                continue;
            }
            Victims worse = c.rank < worstRunning() ? worse(c.rank) : null;
            if (worse == null || worse.isEmpty()) {
                if (plan.freeGpus() == 0) {
                    break;
                }
                continue;
            }
            String id = c.job.id();
            List<RunningJobView> stopped = plan.placeByPreempting(c.job, worse, v -> new Explanation(v.id(), "preempted",
                    "preempted for " + id + " (" + las.describe(c.rank) + ", ahead of "
                            + las.describe(las.queueOf(las.service(v.id(), v.attainedGpuSeconds()))) + ")",
                    Map.of("for", id)));
            if (!stopped.isEmpty()) {
                start(c);
                worse.markPreempted(stopped);
            }
        }
        return plan.decision(wakeAt());
    }

    private void start(Candidate c) {
        started.add(c.job);
        startedAt[c.at] = true;
    }

    /** Reads every running job's service and queue, once a round, when first needed. */
    private void readRunning() {
        if (running != null) {
            return;
        }
        running = context.runningJobs();
        int n = running.size();
        runService = new double[n];
        runRank = new int[n];
        runPreempted = new boolean[n];
        worstRunning = -1;
        for (int i = 0; i < n; i++) {
            runService[i] = las.service(running.job(i).id(), running.attainedGpuSeconds(i));
            runRank[i] = las.queueOf(runService[i]);
            worstRunning = Math.max(worstRunning, runRank[i]);
        }
    }

    private int worstRunning() {
        readRunning();
        return worstRunning;
    }

    /** The running jobs not yet preempted in a queue below {@code rank}, least deserving first; views built as tried. */
    private Victims worse(int rank) {
        sortVictims();
        int[] picked = new int[above[rank]];
        int n = 0;
        for (int k = 0; k < above[rank]; k++) {
            if (!runPreempted[victims[k]]) {
                picked[n++] = victims[k];
            }
        }
        return new Victims(picked, n);
    }

    /** Victims by running index; a view is built when the preemption search reaches it. */
    private final class Victims extends AbstractList<RunningJobView> {
        private final int[] indices;
        private final int size;

        Victims(int[] indices, int size) {
            this.indices = indices;
            this.size = size;
        }

        @Override
        public RunningJobView get(int k) {
            return running.view(indices[k]);
        }

        @Override
        public int size() {
            return size;
        }

        /** Marks the stopped jobs preempted; they are among the views tried, so no other view is built. */
        void markPreempted(List<RunningJobView> stopped) {
            for (RunningJobView s : stopped) {
                for (int k = 0; k < size; k++) {
                    if (running.view(indices[k]) == s) {
                        runPreempted[indices[k]] = true;
                        preempted.add(s);
                        preemptedAt.add(indices[k]);
                        break;
                    }
                }
            }
        }
    }

    /**
     * The victims' order of the ranked round: worst queue first, then the most recently started,
     * then id. Counting by queue, each queue read backwards when the running jobs come in start
     * order (the engine's); a comparison sort otherwise.
     */
    private void sortVictims() {
        if (victims != null) {
            return;
        }
        int n = running.size();
        boolean startOrder = true;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (runRank[i] > 0) {
                count++;
            }
            if (i > 0 && running.startTimeNs(i) < running.startTimeNs(i - 1)) {
                startOrder = false;
            }
        }
        victims = new int[count];
        above = new int[las.thresholdCount() + 1];
        int k = 0;
        for (int q = worstRunning; q > 0; q--) {
            int from = k;
            if (startOrder) {
                for (int i = n - 1; i >= 0; i--) {
                    if (runRank[i] == q) {
                        victims[k++] = i;
                    }
                }
                orderTies(from, k);
            } else {
                List<Integer> inQueue = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (runRank[i] == q) {
                        inQueue.add(i);
                    }
                }
                inQueue.sort(Comparator.comparing(i -> running.view(i), VICTIM_TIES));
                for (int i : inQueue) {
                    victims[k++] = i;
                }
            }
            above[q - 1] = k;
        }
    }

    /** Jobs of one queue that started at the same instant go in id order (an insertion sort: such runs are short). */
    private void orderTies(int from, int to) {
        for (int a = from + 1; a < to; a++) {
            int v = victims[a];
            int b = a - 1;
            while (b >= from && running.startTimeNs(victims[b]) == running.startTimeNs(v)
                    && running.job(victims[b]).id().compareTo(running.job(v).id()) > 0) {
                victims[b + 1] = victims[b];
                b--;
            }
            victims[b + 1] = v;
        }
    }

    /**
     * The next moment the order can change by itself: a running job crossing into a queue below
     * that of some waiting job, or a waiting job reaching its starvation deadline.
     */
    private OptionalLong wakeAt() {
        int bestWaiting = Integer.MAX_VALUE;
        long next = Long.MAX_VALUE;
        for (int i = 0; i < queue.size(); i++) {
            if (startedAt[i]) {
                continue;
            }
            JobView j = queue.get(i);
            bestWaiting = Math.min(bestWaiting, queueRank[i]);
            if (las.mayStarve(j, queueRank[i])) {
                long deadline = las.starvationDeadlineNs(j);
                if (deadline > now) {
                    next = Math.min(next, deadline);
                }
            }
        }
        for (int i : preemptedAt) {
            bestWaiting = Math.min(bestWaiting, runRank[i]);
        }
        if (bestWaiting == Integer.MAX_VALUE) {
            return OptionalLong.empty();
        }
        // With every waiting job in the last queue, no crossing can put it ahead of a running one.
        if (bestWaiting < las.thresholdCount()) {
            readRunning();
            for (int i = 0; i < running.size(); i++) {
                if (!runPreempted[i]) {
                    next = Math.min(next, las.crossingNs(now, runService[i], running.job(i).gpus(), bestWaiting));
                }
            }
            for (JobView j : started) {
                next = Math.min(next, las.crossingNs(now, las.service(j.id(), j.attainedGpuSeconds()), j.gpus(), bestWaiting));
            }
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }
}
