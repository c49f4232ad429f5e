package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.Map;
import java.util.OptionalLong;
import java.util.HashMap;

/**
 * LAS as it was written before its rounds were made cheap (kept as the reference the fast
 * {@link LasPolicy} must agree with, decision for decision: {@code LasAgreementTest}): the shared
 * {@link RankedPolicy} round with LAS's ranks, every running job's view built and sorted each round.
 *
 * <p>Two-dimensional least attained service with discretised priority queues, after Tiresias
 * (Gu et al., NSDI'19). A job's attained service is its GPU-time (GPUs × time held). The
 * thresholds cut it into queues: a job with less than the first threshold is in queue 0 (the
 * highest), and so on. Queues are served in order, FIFO (submit order) inside a queue; a job
 * that does not fit is skipped. A queued job may preempt running jobs of strictly lower queues,
 * so a job is demoted, and may be preempted, the moment its service crosses a threshold: the
 * policy asks the engine for a round at that moment. Starvation guard: a job that has waited
 * since its last preemption at least {@code starvation} × the time it has run is promoted back to
 * queue 0, its service counted afresh from then on.
 */
final class ReferenceLasPolicy extends RankedPolicy {
    private final double[] thresholdsGpuS;
    private final double starvationFactor;
    /**
     * Service a promoted job had when promoted: its rank counts service from there. Only looked
     * up, never iterated, so a hash map cannot leak its order into results.
     */
    private final Map<String, Double> promotedAtGpuS = new HashMap<>();

    /**
     * @param thresholdsGpuS increasing queue thresholds in GPU-seconds
     * @param starvationFactor waiting time, as a multiple of time run, after which a job is promoted; 0 = never
     */
    ReferenceLasPolicy(PlacementStrategy placement, double[] thresholdsGpuS, double starvationFactor) {
        super(placement, true);
        this.thresholdsGpuS = thresholdsGpuS.clone();
        this.starvationFactor = starvationFactor;
    }

    /** The queue of a job with this much (counted) service. */
    int queueOf(double serviceGpuS) {
        int q = 0;
        while (q < thresholdsGpuS.length && serviceGpuS >= thresholdsGpuS[q]) {
            q++;
        }
        return q;
    }

    @Override
    void beginRound(SchedulingContext context) {
        if (starvationFactor <= 0) {
            return;
        }
        long now = context.nowNs();
        for (JobView j : context.queue()) {
            if (j.ranSeconds() > 0 && now >= starvationDeadlineNs(j) && queueOf(service(j.id(), j.attainedGpuSeconds())) > 0) {
                promotedAtGpuS.put(j.id(), j.attainedGpuSeconds());
            }
        }
    }

    private long starvationDeadlineNs(JobView j) {
        return j.queuedSinceNs() + (long) Math.ceil(starvationFactor * j.ranSeconds() * 1e9);
    }

    private double service(String id, double attainedGpuS) {
        if (promotedAtGpuS.isEmpty()) {
            return attainedGpuS;
        }
        Double at = promotedAtGpuS.get(id);
        return at == null ? attainedGpuS : attainedGpuS - at;
    }

    @Override
    double rank(JobView job, long nowNs) {
        return queueOf(service(job.id(), job.attainedGpuSeconds()));
    }

    @Override
    double rank(RunningJobView job, long nowNs) {
        return queueOf(service(job.id(), job.attainedGpuSeconds()));
    }

    @Override
    String describe(double rank) {
        return "queue " + (int) rank;
    }

    /**
     * The next moment the order can change by itself: a running job crossing into a queue below
     * that of some waiting job, or a waiting job reaching its starvation deadline.
     */
    @Override
    OptionalLong wakeAt(long nowNs, RoundOutcome outcome) {
        int bestWaiting = Integer.MAX_VALUE;
        long next = Long.MAX_VALUE;
        for (JobView j : outcome.waiting()) {
            int q = queueOf(service(j.id(), j.attainedGpuSeconds()));
            bestWaiting = Math.min(bestWaiting, q);
            if (starvationFactor > 0 && j.ranSeconds() > 0 && q > 0) {
                long deadline = starvationDeadlineNs(j);
                if (deadline > nowNs) {
                    next = Math.min(next, deadline);
                }
            }
        }
        for (RunningJobView r : outcome.preempted()) {
            bestWaiting = Math.min(bestWaiting, queueOf(service(r.id(), r.attainedGpuSeconds())));
        }
        if (bestWaiting == Integer.MAX_VALUE) {
            return OptionalLong.empty();
        }
        for (RunningJobView r : outcome.running()) {
            next = Math.min(next, crossingNs(nowNs, service(r.id(), r.attainedGpuSeconds()), r.gpus(), bestWaiting));
        }
        for (JobView j : outcome.started()) {
            next = Math.min(next, crossingNs(nowNs, service(j.id(), j.attainedGpuSeconds()), j.gpus(), bestWaiting));
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /**
     * When a job with this service, running on {@code gpus}, drops below queue {@code bestWaiting}
     * (crosses threshold {@code max(its queue, bestWaiting)}); never if no such threshold remains.
     */
    private long crossingNs(long nowNs, double serviceGpuS, int gpus, int bestWaiting) {
        int k = Math.max(queueOf(serviceGpuS), bestWaiting);
        if (k >= thresholdsGpuS.length) {
            return Long.MAX_VALUE;
        }
        double secondsToCross = (thresholdsGpuS[k] - serviceGpuS) / gpus;
        return nowNs + Math.max(1, (long) Math.ceil(secondsToCross * 1e9));
    }
}
