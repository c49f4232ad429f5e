package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.LatencySummary;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative durations in nanoseconds (HdrHistogram's layout, written
 * for this one use): values below 2^{@value #SUB_BITS} ns are exact, above that each power of two
 * is split into 2^({@value #SUB_BITS} - 1) buckets, so a percentile is within 0.2 % of the value it
 * stands for. Memory is fixed (about 230 KB), however many values are added; count, sum, min
 * and max are exact. Values may carry a weight (an iteration's gap counts once per token it
 * produced).
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 10;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = SUB + (64 - SUB_BITS) * (SUB / 2);

    private final long[] counts = new long[BUCKETS];
    private long count;
    private double sum;
    private long min = Long.MAX_VALUE;
    private long max;

    void add(long valueNs) {
        add(valueNs, 1);
    }

    void add(long valueNs, long weight) {
        if (weight <= 0) {
            return;
        }
        long v = Math.max(0, valueNs);
        counts[index(v)] += weight;
        count += weight;
        sum += (double) v * weight;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    long count() {
        return count;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - (SUB_BITS - 1);
        int sub = (int) (v >>> shift);
        return SUB + (shift - 1) * (SUB / 2) + (sub - SUB / 2);
    }

    /** The smallest value that lands in bucket {@code i}. */
    static long lowest(int i) {
        if (i < SUB) {
            return i;
        }
        int shift = (i - SUB) / (SUB / 2) + 1;
        long sub = (i - SUB) % (SUB / 2) + SUB / 2;
        return sub << shift;
    }

    /** The value at quantile {@code q} (nearest rank: the bucket holding it, reported at its midpoint, within min and max). */
    long quantile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long lo = lowest(i);
                long hi = i + 1 < BUCKETS ? lowest(i + 1) - 1 : lo;
                return Math.max(min, Math.min(max, lo + (hi - lo) / 2));
            }
        }
        return max;
    }

    /** The fraction of values at most {@code limitNs} (bucket resolution). */
    double fractionAtMost(long limitNs) {
        if (count == 0) {
            return 0;
        }
        int last = index(Math.max(0, limitNs));
        long seen = 0;
        for (int i = 0; i <= last; i++) {
            seen += counts[i];
        }
        return (double) seen / count;
    }

    LatencySummary summary() {
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, sum / count / 1e9, quantile(0.5) / 1e9, quantile(0.9) / 1e9,
                quantile(0.99) / 1e9, max / 1e9);
    }

    /** The distribution as at most about {@code points} (seconds, cumulative fraction) pairs for a CDF chart. */
    double[][] cdf(int points) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        if (count == 0) {
            return new double[0][];
        }
        long seen = 0;
        double step = 1.0 / points;
        double next = step;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] == 0) {
                continue;
            }
            seen += counts[i];
            double fraction = (double) seen / count;
            if (fraction >= next || seen == count) {
                long edge = i + 1 < BUCKETS ? lowest(i + 1) : lowest(i);
                out.add(new double[] {Math.min(max, edge) / 1e9, fraction});
                while (next <= fraction) {
                    next += step;
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    void clear() {
        Arrays.fill(counts, 0);
        count = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = 0;
    }
}
