package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.Locale;

/**
 * Shortest job first, non-preemptive: the queued job with the least remaining length starts
 * first (its true length, or the user's estimate); a job that does not fit is skipped, and
 * running jobs are never stopped.
 */
public final class SjfPolicy extends RankedPolicy {
    private final LengthBasis length;

    public SjfPolicy(PlacementStrategy placement, LengthBasis length) {
        super(placement, false);
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
        return Double.isInfinite(rank) ? "no estimate" : String.format(Locale.ROOT, "%.0f s long", rank);
    }
}
