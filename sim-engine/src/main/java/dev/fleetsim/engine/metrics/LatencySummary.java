package dev.fleetsim.engine.metrics;

/**
 * A latency distribution in seconds: how many values, their mean, percentiles (within 0.2 %, from a
 * log-linear histogram) and the largest.
 */
public record LatencySummary(long count, double mean, double p50, double p90, double p99, double max) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);
}
