package dev.fleetsim.engine.metrics;

/**
 * Jain's fairness index {@code (Σx)² / (n Σx²)}: 1 when every tenant fares the same, 1/n when
 * one tenant gets everything. Applied to tenants' mean slowdowns, where slowdown is a job's
 * completion time over its ideal run time.
 */
public final class Fairness {
    private Fairness() {
    }

    /** Jain's index of the values; NaN for none, 1 when all are zero (nobody is treated worse). */
    public static double jain(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        double squares = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
        }
        return squares == 0 ? 1.0 : sum * sum / (values.length * squares);
    }
}
