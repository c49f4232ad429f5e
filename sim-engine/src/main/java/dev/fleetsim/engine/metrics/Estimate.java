package dev.fleetsim.engine.metrics;

import dev.fleetsim.engine.kernel.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.Arrays;

/**
 * The mean of a metric over seeds with its 95 % confidence interval by the bootstrap
 * percentile method: {@value #RESAMPLES} resamples of the per-seed values with replacement,
 * drawn from a stream seeded by the estimate's name (so the same values under the same name
 * always give the same interval, whatever the thread count), and the 2.5th and 97.5th
 * percentiles of the resampled means. Every resampled mean lies between the smallest and the
 * largest value, so the interval never leaves the metric's range: a time or a cost never goes
 * negative, a utilisation stays in [0, 1], Jain's index in [1/n, 1] (a Student-t interval gave
 * {@code wait −1,770 s} and {@code Jain 0.606 ± 0.748}). The price is honesty about few seeds:
 * with 3 seeds the interval cannot be wider than the values' own span and covers the true mean
 * less often than 95 % — use 10 or more seeds for a dependable interval. With one value there is
 * no interval ({@code NaN} bounds).
 *
 * @param n values (seeds) the estimate is over
 * @param low lower bound of the 95 % interval (NaN for fewer than two values)
 * @param high upper bound of the 95 % interval
 */
public record Estimate(int n, double mean, double low, double high) {
    public static final int RESAMPLES = 10_000;
    /** How the interval is made, as the outputs say it. */
    public static final String METHOD = "bootstrap percentile (10,000 seeded resamples of the per-seed values)";
    private static final long STREAM_SEED = 0x5EEDC1L;

    /** The estimate of {@code values}; {@code name} (say {@code "fifo/mean_jct_s"}) seeds the resampling. */
    public static Estimate of(double[] values, String name) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(1, mean, Double.NaN, Double.NaN);
        }
        if (min == max) {
            return new Estimate(n, mean, mean, mean);
        }
        UniformRandomProvider rng = new RandomStreams(STREAM_SEED).stream("ci/" + name);
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += values[rng.nextInt(n)];
            }
            means[b] = s / n;
        }
        Arrays.sort(means);
        double low = means[(int) Math.floor(0.025 * RESAMPLES)];
        double high = means[(int) Math.ceil(0.975 * RESAMPLES) - 1];
        // Rounding in a resampled sum must not push a bound past the values or the mean.
        low = Math.max(min, Math.min(low, mean));
        high = Math.min(max, Math.max(high, mean));
        return new Estimate(n, mean, low, high);
    }

    /** Whether there is an interval (two values or more). */
    public boolean hasInterval() {
        return n >= 2 && !Double.isNaN(low);
    }
}
