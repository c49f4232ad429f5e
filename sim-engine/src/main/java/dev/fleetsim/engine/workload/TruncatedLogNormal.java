package dev.fleetsim.engine.workload;

import org.apache.commons.math3.special.Erf;

/**
 * A log-normal distribution of durations cut off at {@code maxS}: {@code ln X ~ N(mu, sigma²)}
 * conditioned on {@code X ≤ maxS}. {@link #fit} chooses {@code mu} and {@code sigma} so that
 * the truncated distribution, not the untruncated one, has the published median and mean;
 * {@link #closedForm} is the textbook fit that ignores the cut-off (kept to document its error).
 * Draws are by inversion, one uniform number per draw.
 */
public record TruncatedLogNormal(double mu, double sigma, double maxS) {

    private static final double SQRT2 = Math.sqrt(2);

    /**
     * The untruncated closed form {@code mu = ln median}, {@code sigma² = 2 ln(mean / median)},
     * then cut at {@code maxS}: the cut removes the top of the tail, so its mean is below {@code mean}.
     */
    public static TruncatedLogNormal closedForm(double medianS, double meanS, double maxS) {
        check(medianS, meanS, maxS);
        return new TruncatedLogNormal(Math.log(medianS), Math.sqrt(2 * Math.log(meanS / medianS)), maxS);
    }

    /**
     * The parameters whose truncated distribution has exactly the given median and mean. For a
     * given sigma, mu solves {@code Φ((ln median − mu)/sigma) = Φ(z_max)/2} (a fixed point that
     * converges because the cut is far in the tail); then sigma is the smallest value whose
     * truncated mean reaches {@code meanS} (a scan, then bisection: the truncated mean first rises
     * with sigma and falls again once the cut removes most of the tail).
     *
     * @throws IllegalArgumentException when no sigma reaches the mean under this cut-off
     */
    public static TruncatedLogNormal fit(double medianS, double meanS, double maxS) {
        check(medianS, meanS, maxS);
        double step = 0.01;
        double lo = step;
        if (withSigma(medianS, lo, maxS).mean() >= meanS) {
            throw new IllegalArgumentException("mean " + meanS + " is too close to median " + medianS);
        }
        double hi = lo;
        while (withSigma(medianS, hi, maxS).mean() < meanS) {
            lo = hi;
            hi += step;
            if (hi > 20) {
                throw new IllegalArgumentException("no log-normal truncated at " + maxS + " s has median " + medianS
                        + " s and mean " + meanS + " s: the cut-off is too close to the median");
            }
        }
        for (int i = 0; i < 80; i++) {
            double mid = 0.5 * (lo + hi);
            if (withSigma(medianS, mid, maxS).mean() < meanS) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return withSigma(medianS, 0.5 * (lo + hi), maxS);
    }

    private static TruncatedLogNormal withSigma(double medianS, double sigma, double maxS) {
        double lnMedian = Math.log(medianS);
        double lnMax = Math.log(maxS);
        double mu = lnMedian;
        for (int i = 0; i < 200; i++) {
            double next = lnMedian - sigma * inversePhi(phi((lnMax - mu) / sigma) / 2);
            if (Math.abs(next - mu) < 1e-13) {
                mu = next;
                break;
            }
            mu = next;
        }
        return new TruncatedLogNormal(mu, sigma, maxS);
    }

    private static void check(double medianS, double meanS, double maxS) {
        if (!(medianS > 0 && meanS > medianS && maxS > meanS)) {
            throw new IllegalArgumentException("a heavy-tailed fit needs 0 < median < mean < max, got median " + medianS
                    + ", mean " + meanS + ", max " + maxS);
        }
    }

    /** The probability mass the cut keeps: {@code P(X ≤ maxS)} of the untruncated distribution. */
    public double keptMass() {
        return phi((Math.log(maxS) - mu) / sigma);
    }

    /** Mean of the truncated distribution: {@code exp(mu + sigma²/2) Φ(z_max − sigma) / Φ(z_max)}. */
    public double mean() {
        double z = (Math.log(maxS) - mu) / sigma;
        return Math.exp(mu + sigma * sigma / 2) * phi(z - sigma) / phi(z);
    }

    /** Median of the truncated distribution. */
    public double median() {
        return quantile(0.5);
    }

    /** The {@code p}-quantile of the truncated distribution, for p in [0, 1]. */
    public double quantile(double p) {
        return quantile(p, keptMass());
    }

    /**
     * {@link #quantile} with {@link #keptMass()} computed once by the caller: the same bits, one
     * {@code erfc} fewer per draw of a workload's durations.
     */
    public double quantile(double p, double keptMass) {
        return Math.min(maxS, Math.exp(mu + sigma * inversePhi(p * keptMass)));
    }

    /** {@code P(X > x)} under the truncated distribution. */
    public double tail(double x) {
        if (x >= maxS) {
            return 0;
        }
        return 1 - phi((Math.log(x) - mu) / sigma) / keptMass();
    }

    /** A draw for a uniform number {@code u} in [0, 1). */
    public double sample(double u) {
        return quantile(u);
    }

    static double phi(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    static double inversePhi(double p) {
        return -SQRT2 * Erf.erfcInv(2 * p);
    }
}
