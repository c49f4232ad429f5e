package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.Locale;

/**
 * Shortest first, by remaining length (the job's true length or the user's estimate); a job
 * that does not fit is skipped. Registered twice: as {@code sjf} it never stops a running job;
 * as {@code srtf} a queued job whose remaining length is strictly shorter than a running job's
 * may preempt it. A running job's remaining time only shrinks while it runs, so the order
 * between it and a queued job can only turn in its favour: SRTF needs no wake-up.
 */
public final class ShortestFirstPolicy extends RankedPolicy {
    private final LengthBasis length;
    private final String unit;

    public ShortestFirstPolicy(PlacementStrategy placement, LengthBasis length, boolean preemptive) {
        super(placement, preemptive);
        this.length = length;
        this.unit = preemptive ? "left" : "long";
    }

    @Override
    double rank(JobView job, long nowNs) {
        return length.remainingSeconds(job);
    }

    @Override
    double rank(RunningJobView job, long nowNs) {
        return length.remainingSeconds(job);
    }

    @Override
    String describe(double rank) {
        return Double.isInfinite(rank) ? "no estimate" : String.format(Locale.ROOT, "%.0f s %s", rank, unit);
    }
}
