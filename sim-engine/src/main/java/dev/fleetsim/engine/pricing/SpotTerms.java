package dev.fleetsim.engine.pricing;

/**
 * Spot capacity: cheaper GPU-hours on nodes the provider takes back. Each spot node is
 * reclaimed after an exponentially distributed time of mean {@code meanTimeToInterruptionNs}
 * (its jobs preempted with the usual checkpoint semantics) and is replaced
 * {@code replacementNs} later.
 *
 * @param usdPerGpuHour the spot price
 * @param meanTimeToInterruptionNs mean time a spot node runs before it is reclaimed, more than 0
 * @param replacementNs time until a reclaimed node is replaced, ≥ 0
 */
public record SpotTerms(double usdPerGpuHour, long meanTimeToInterruptionNs, long replacementNs) {
    public SpotTerms {
        if (!(usdPerGpuHour >= 0) || meanTimeToInterruptionNs <= 0 || replacementNs < 0) {
            throw new IllegalArgumentException("spot price ≥ 0, mean time to interruption > 0, replacement ≥ 0");
        }
    }
}
