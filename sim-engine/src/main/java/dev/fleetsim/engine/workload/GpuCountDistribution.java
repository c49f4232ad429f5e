package dev.fleetsim.engine.workload;

import java.util.Arrays;

/**
 * GPUs per job over the powers of two from 1 to a maximum, fitted to a published mean with a
 * median of one GPU. The exponent k of {@code 2^k} is geometric, {@code P(k) ∝ θ^k}, with θ
 * chosen so the mean matches; if that leaves fewer than {@link #MIN_SINGLE_SHARE} of the jobs
 * on one GPU (the median would move above 1), the single-GPU share is pinned at that value and
 * the multi-GPU exponents {@code 1..K} are geometric, {@code P(k) ∝ θ^(k−1)}, fitted to the mean.
 */
public final class GpuCountDistribution {

    /** The single-GPU share below which the geometric fit gives up on one θ: keeps the median at 1 with a margin. */
    public static final double MIN_SINGLE_SHARE = 0.55;

    private final int[] gpus;
    private final double[] probabilities;
    private final double[] cumulative;

    private GpuCountDistribution(double[] probabilities) {
        this.probabilities = probabilities.clone();
        this.gpus = new int[probabilities.length];
        this.cumulative = new double[probabilities.length];
        double acc = 0;
        for (int k = 0; k < probabilities.length; k++) {
            gpus[k] = 1 << k;
            acc += probabilities[k];
            cumulative[k] = acc;
        }
    }

    /**
     * The distribution over {@code 1, 2, 4, ..., maxGpus} with the given mean.
     *
     * @throws IllegalArgumentException if maxGpus is not a power of two or the mean cannot be reached
     */
    public static GpuCountDistribution fit(double meanGpus, int maxGpus) {
        if (maxGpus < 1 || Integer.bitCount(maxGpus) != 1) {
            throw new IllegalArgumentException("the largest job must be a power of two GPUs, got " + maxGpus);
        }
        if (!(meanGpus >= 1)) {
            throw new IllegalArgumentException("mean GPUs per job must be at least 1, got " + meanGpus);
        }
        double[] p = probabilities(meanGpus, Integer.numberOfTrailingZeros(maxGpus));
        if (p == null) {
            throw new IllegalArgumentException("no distribution over 1.." + maxGpus + " GPUs with at least "
                    + MIN_SINGLE_SHARE + " single-GPU jobs has mean " + meanGpus + "; the largest job must be at least "
                    + smallestMaxFor(meanGpus) + " GPUs");
        }
        return new GpuCountDistribution(p);
    }

    /** The smallest power-of-two maximum for which {@link #fit} succeeds with this mean (at least 1). */
    public static int smallestMaxFor(double meanGpus) {
        int top = 0;
        while (top < 30 && probabilities(meanGpus, top) == null) {
            top++;
        }
        return 1 << top;
    }

    /** The fitted probabilities over exponents 0..top, or null when the mean is out of reach. */
    private static double[] probabilities(double meanGpus, int top) {
        if (top == 0) {
            return meanGpus <= 1 + 1e-9 ? new double[] {1.0} : null;
        }
        double[] all = geometric(0, top, meanGpus);
        if (all != null && all[0] >= MIN_SINGLE_SHARE) {
            return all;
        }
        // Mean of the multi-GPU jobs that keeps the overall mean with the single-GPU share pinned.
        double multiMean = (meanGpus - MIN_SINGLE_SHARE) / (1 - MIN_SINGLE_SHARE);
        double[] multi = multiMean >= 2 ? geometric(1, top, multiMean) : null;
        if (multi == null) {
            return null;
        }
        double[] p = new double[top + 1];
        p[0] = MIN_SINGLE_SHARE;
        for (int k = 1; k <= top; k++) {
            p[k] = (1 - MIN_SINGLE_SHARE) * multi[k];
        }
        return p;
    }

    /**
     * Probabilities over exponents {@code from..to} (zero below {@code from}) proportional to
     * {@code θ^(k − from)} with mean {@code 2^k} equal to {@code mean}; null when out of reach.
     * The mean rises monotonically with θ from {@code 2^from} to {@code 2^to}: bisection on ln θ.
     */
    private static double[] geometric(int from, int to, double mean) {
        if (mean < (1 << from) || mean > (1 << to)) {
            return null;
        }
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (meanOf(weights(from, to, mid)) < mean) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return weights(from, to, 0.5 * (lo + hi));
    }

    private static double[] weights(int from, int to, double lnTheta) {
        double[] w = new double[to + 1];
        double sum = 0;
        // Work relative to the largest weight, so a large or small θ does not overflow.
        double peak = lnTheta >= 0 ? lnTheta * (to - from) : 0;
        for (int k = from; k <= to; k++) {
            w[k] = Math.exp(lnTheta * (k - from) - peak);
            sum += w[k];
        }
        for (int k = from; k <= to; k++) {
            w[k] /= sum;
        }
        return w;
    }

    private static double meanOf(double[] p) {
        double m = 0;
        for (int k = 0; k < p.length; k++) {
            m += p[k] * (1 << k);
        }
        return m;
    }

    /** GPUs for a uniform number {@code u} in [0, 1). */
    public int sample(double u) {
        for (int k = 0; k < cumulative.length - 1; k++) {
            if (u < cumulative[k]) {
                return gpus[k];
            }
        }
        return gpus[gpus.length - 1];
    }

    public double mean() {
        return meanOf(probabilities);
    }

    public int maxGpus() {
        return gpus[gpus.length - 1];
    }

    /** P(GPUs = 2^k), k = 0..log2(max). */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Probability of a job larger than {@code gpus}. */
    public double shareAbove(int gpuCount) {
        double s = 0;
        for (int k = 0; k < gpus.length; k++) {
            if (gpus[k] > gpuCount) {
                s += probabilities[k];
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "GpuCountDistribution" + Arrays.toString(probabilities);
    }
}
