package dev.fleetsim.engine.workload;

import java.util.HashMap;
import java.util.Map;

/**
 * A trace generator's GPU-count distribution over time: the fit to the published mean, and,
 * with {@code sizeGrowth}, fits to the grown mean {@code mean × m(t)}, one per simulated day
 * (taken at the day's start), kept between the single-GPU floor and the largest mean the
 * {@code maxGpus} cap can reach with most jobs on one GPU.
 */
final class SizeMix {
    private static final double DAY_S = 86_400;

    private final GpuCountDistribution base;
    private final double meanGpus;
    private final int maxGpus;
    private final RateGrowth growth;
    private final Map<Long, GpuCountDistribution> byDay = new HashMap<>();

    SizeMix(GpuCountDistribution base, double meanGpus, int maxGpus, RateGrowth growth) {
        this.base = base;
        this.meanGpus = meanGpus;
        this.maxGpus = maxGpus;
        this.growth = growth;
    }

    /** The distribution for a job submitted {@code sinceStartNs} after the generator's start. */
    GpuCountDistribution at(double sinceStartNs) {
        if (growth.none()) {
            return base;
        }
        long day = (long) Math.floor(Math.max(0, sinceStartNs) / 1e9 / DAY_S);
        return byDay.computeIfAbsent(day, d -> GpuCountDistribution.fit(meanOn(d), maxGpus));
    }

    /** The mean fitted on day {@code day}: the grown mean, clamped to what the cap can reach. */
    double meanOn(long day) {
        double reachable = maxGpus == 1 ? 1
                : GpuCountDistribution.MIN_SINGLE_SHARE + (1 - GpuCountDistribution.MIN_SINGLE_SHARE) * maxGpus;
        double grown = meanGpus * growth.multiplierAt(day * DAY_S);
        return Math.max(1, Math.min(grown, reachable * (1 - 1e-6)));
    }
}
