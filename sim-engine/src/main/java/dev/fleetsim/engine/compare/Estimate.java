package dev.fleetsim.engine.compare;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a metric over seeds with its 95 % confidence interval, {@code mean ± t(0.975, n−1)
 * × s / √n} with {@code s} the sample standard deviation (Student t: a handful of seeds is far
 * from the normal limit). With one value the interval is unknown ({@code NaN} half-width).
 */
public record Estimate(int n, double mean, double halfWidth95) {

    public static Estimate of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(1, mean, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new Estimate(n, mean, t * sd / Math.sqrt(n));
    }

    public double low() {
        return mean - halfWidth95;
    }

    public double high() {
        return mean + halfWidth95;
    }
}
