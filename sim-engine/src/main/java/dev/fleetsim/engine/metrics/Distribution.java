package dev.fleetsim.engine.metrics;

import java.util.Arrays;

/**
 * Summary statistics of a sample: mean and nearest-rank percentiles (no interpolation, so a
 * golden value is a value that occurred).
 */
public record Distribution(int count, double mean, double p50, double p95, double p99, double max) {

    public static Distribution of(double[] sample) {
        return ofOwned(sample.clone());
    }

    /** {@link #of} on an array the caller hands over: it is sorted in place instead of copied. */
    static Distribution ofOwned(double[] s) {
        if (s.length == 0) {
            return new Distribution(0, 0, 0, 0, 0, 0);
        }
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return new Distribution(s.length, sum / s.length, rank(s, 0.50), rank(s, 0.95), rank(s, 0.99), s[s.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
