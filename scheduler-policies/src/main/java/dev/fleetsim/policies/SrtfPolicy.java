package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.Locale;

/**
 * Shortest remaining time first, preemptive: like SJF, and a queued job whose remaining length
 * is strictly shorter than a running job's may preempt it. A running job's remaining time only
 * shrinks while it runs, so the order between it and a queued job can only turn in its favour:
 * SRTF needs no wake-up.
 */
public final class SrtfPolicy extends RankedPolicy {
    private final LengthBasis length;

    public SrtfPolicy(PlacementStrategy placement, LengthBasis length) {
        super(placement, true);
        this.length = length;
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
        return Double.isInfinite(rank) ? "no estimate" : String.format(Locale.ROOT, "%.0f s left", rank);
    }
}
