package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.LengthSpec;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import java.util.Arrays;

/** Draws token lengths from a {@link LengthSpec} with one seeded stream. */
final class LengthSampler {
    private static final int MAX_REDRAWS = 64;

    private final LengthSpec spec;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;
    private final double mu;
    private final double sigma;
    private final double[] cumulative;

    LengthSampler(LengthSpec spec, UniformRandomProvider rng) {
        this.spec = spec;
        this.rng = rng;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double s2 = Math.log(1 + spec.cv() * spec.cv());
        this.sigma = Math.sqrt(s2);
        this.mu = Math.log(Math.max(1e-9, spec.mean())) - s2 / 2;
        double[] c = new double[spec.weights().length];
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += spec.weights()[i];
            c[i] = sum;
        }
        this.cumulative = c;
    }

    int draw() {
        switch (spec.kind()) {
            case FIXED:
                return spec.min();
            case UNIFORM:
                return spec.min() + rng.nextInt(spec.max() - spec.min() + 1);
            case LOGNORMAL:
                for (int i = 0; i < MAX_REDRAWS; i++) {
                    long v = Math.round(Math.exp(mu + sigma * gauss.sample()));
                    if (v >= spec.min() && v <= spec.max()) {
                        return (int) v;
                    }
                }
                return (int) Math.max(spec.min(), Math.min(spec.max(), Math.round(Math.exp(mu))));
            default:
                double u = rng.nextDouble() * cumulative[cumulative.length - 1];
                int i = Arrays.binarySearch(cumulative, u);
                int at = i >= 0 ? Math.min(i + 1, cumulative.length - 1) : -i - 1;
                return spec.values()[Math.min(at, cumulative.length - 1)];
        }
    }
}
