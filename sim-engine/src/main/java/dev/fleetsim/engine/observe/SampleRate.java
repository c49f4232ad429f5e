package dev.fleetsim.engine.observe;

/**
 * How often an observer receives samples: at most one per {@code minSimulatedIntervalNs} of
 * simulated time and at most {@code maxPerWallSecond} per second of wall time (samples over
 * either limit are skipped; the last state of the run is always sent). The wall limit only
 * thins what the observer sees: results never depend on it.
 *
 * @param minSimulatedIntervalNs simulated time between two samples, ≥ 0 (0: every change)
 * @param maxPerWallSecond samples per wall-clock second, &gt; 0 ({@code Double.POSITIVE_INFINITY}: no limit)
 */
public record SampleRate(long minSimulatedIntervalNs, double maxPerWallSecond) {
    /** At most ten samples a wall second: what a live chart can use. */
    public static final SampleRate DEFAULT = new SampleRate(0, 10);
    /** No samples at all. */
    public static final SampleRate NONE = new SampleRate(Long.MAX_VALUE, Double.MIN_VALUE);

    public SampleRate {
        if (minSimulatedIntervalNs < 0 || !(maxPerWallSecond > 0)) {
            throw new IllegalArgumentException("a sample interval ≥ 0 and a positive rate are needed, found "
                    + minSimulatedIntervalNs + " ns and " + maxPerWallSecond + " per second");
        }
    }

    /** One sample per {@code intervalNs} of simulated time at most, however fast the run is: reproducible samples. */
    public static SampleRate everySimulated(long intervalNs) {
        return new SampleRate(intervalNs, Double.POSITIVE_INFINITY);
    }

    /** Every change, as fast as they come (for tests and small runs). */
    public static SampleRate everyChange() {
        return new SampleRate(0, Double.POSITIVE_INFINITY);
    }
}
