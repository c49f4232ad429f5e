package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.policies.placement.PlacementStrategy;
import dev.fleetsim.policies.round.RoundPlan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two-dimensional least attained service with discretised priority queues, after Tiresias
 * (Gu et al., NSDI'19). A job's attained service is its GPU-time (GPUs × time held). The
 * thresholds cut it into queues: a job with less than the first threshold is in queue 0 (the
 * highest), and so on. Queues are served in order, FIFO (submit order) inside a queue; a job
 * that does not fit is skipped. A queued job may preempt running jobs of strictly lower queues,
 * so a job is demoted, and may be preempted, the moment its service crosses a threshold: the
 * policy asks the engine for a round at that moment. Starvation guard: a job that has waited
 * since its last preemption at least {@code starvation} × the time it has run is promoted back to
 * queue 0, its service counted afresh from then on.
 *
 * <p>This is the ranked round the other preemptive policies share (worst-ranked and most
 * recently started victims first), written for LAS's few integer ranks so that a round costs
 * what it decides ({@link LasRound}): running jobs are read only when a queued job cannot start
 * or must wait, and then as numbers, not views.
 */
public final class LasPolicy implements SchedulingPolicy {
    private final PlacementStrategy placement;
    private final double[] thresholdsGpuS;
    private final double starvationFactor;
    /**
     * Service a promoted job had when promoted: its rank counts service from there. Only looked
     * up, never iterated, so a hash map cannot leak its order into results.
     */
    private final Map<String, Double> promotedAtGpuS = new HashMap<>();
    private Topology typesOf;
    private List<String> gpuTypes;

    /**
     * @param thresholdsGpuS increasing queue thresholds in GPU-seconds
     * @param starvationFactor waiting time, as a multiple of time run, after which a job is promoted; 0 = never
     */
    public LasPolicy(PlacementStrategy placement, double[] thresholdsGpuS, double starvationFactor) {
        this.placement = placement;
        this.thresholdsGpuS = thresholdsGpuS.clone();
        this.starvationFactor = starvationFactor;
    }

    @Override
    public SchedulingDecision schedule(SchedulingContext context) {
        Topology topology = context.cluster().topology();
        if (topology != typesOf) {
            gpuTypes = RoundPlan.gpuTypesOf(topology);
            typesOf = topology;
        }
        promoteStarved(context);
        return new LasRound(this, context, new RoundPlan(context, placement, gpuTypes)).decide();
    }

    /** The queue of a job with this much (counted) service. */
    int queueOf(double serviceGpuS) {
        int q = 0;
        while (q < thresholdsGpuS.length && serviceGpuS >= thresholdsGpuS[q]) {
            q++;
        }
        return q;
    }

    /** How many thresholds there are: queues run from 0 to this. */
    int thresholdCount() {
        return thresholdsGpuS.length;
    }

    /** A job's service as its rank counts it: from its last promotion, if any. */
    double service(String id, double attainedGpuS) {
        if (promotedAtGpuS.isEmpty()) {
            return attainedGpuS;
        }
        Double at = promotedAtGpuS.get(id);
        return at == null ? attainedGpuS : attainedGpuS - at;
    }

    /** The queue of a queued job now. */
    int queueOf(JobView job) {
        return queueOf(service(job.id(), job.attainedGpuSeconds()));
    }

    /** Promotes every queued job that has run, waited its starvation deadline out, and is below queue 0. */
    private void promoteStarved(SchedulingContext context) {
        if (starvationFactor <= 0) {
            return;
        }
        long now = context.nowNs();
        for (JobView j : context.queue()) {
            if (j.ranSeconds() > 0 && now >= starvationDeadlineNs(j) && queueOf(j) > 0) {
                promotedAtGpuS.put(j.id(), j.attainedGpuSeconds());
            }
        }
    }

    /** Whether a waiting job in queue {@code queue} has a starvation deadline to wake up for. */
    boolean mayStarve(JobView j, int queue) {
        return starvationFactor > 0 && j.ranSeconds() > 0 && queue > 0;
    }

    long starvationDeadlineNs(JobView j) {
        return j.queuedSinceNs() + (long) Math.ceil(starvationFactor * j.ranSeconds() * 1e9);
    }

    String describe(int queue) {
        return "queue " + queue;
    }

    /**
     * When a job with this service, running on {@code gpus}, drops below queue {@code bestWaiting}
     * (crosses threshold {@code max(its queue, bestWaiting)}); never if no such threshold remains.
     */
    long crossingNs(long nowNs, double serviceGpuS, int gpus, int bestWaiting) {
        int k = Math.max(queueOf(serviceGpuS), bestWaiting);
        if (k >= thresholdsGpuS.length) {
            return Long.MAX_VALUE;
        }
        double secondsToCross = (thresholdsGpuS[k] - serviceGpuS) / gpus;
        return nowNs + Math.max(1, (long) Math.ceil(secondsToCross * 1e9));
    }
}
