package dev.fleetsim.engine.workload.serving;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A distribution of prompt or output lengths in tokens, always within {@code [min, max]}:
 * <ul>
 * <li>{@code fixed}: always {@code mean};</li>
 * <li>{@code uniform}: integers from {@code min} to {@code max};</li>
 * <li>{@code lognormal}: {@code ln X ~ N(mu, sigma²)} with the given {@code mean} and coefficient of
 *     variation {@code cv} ({@code sigma² = ln(1 + cv²)}, {@code mu = ln mean − sigma²/2}), drawn by
 *     inversion and redrawn outside {@code [min, max]} (so the mean shifts a little when the bounds
 *     cut the tail), rounded to whole tokens;</li>
 * <li>{@code empirical}: the values of a file with their weights (a column {@code tokens} and an
 *     optional {@code weight}).</li>
 * </ul>
 * Equality compares the empirical values and weights element by element.
 */
public record LengthSpec(LengthDistribution kind, double mean, double cv, int min, int max, int[] values,
                         double[] weights, Optional<Path> file) {

    public LengthSpec {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("length bounds need 1 <= min <= max, were " + min + ", " + max);
        }
        if (kind == LengthDistribution.EMPIRICAL && (values.length == 0 || values.length != weights.length)) {
            throw new IllegalArgumentException("an empirical length needs values with one weight each");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LengthSpec l && kind == l.kind && Double.compare(mean, l.mean) == 0
                && Double.compare(cv, l.cv) == 0 && min == l.min && max == l.max && Arrays.equals(values, l.values)
                && Arrays.equals(weights, l.weights) && file.equals(l.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, mean, cv, min, max, Arrays.hashCode(values), Arrays.hashCode(weights), file);
    }

    @Override
    public String toString() {
        return "LengthSpec[" + kind.key() + ", mean " + mean + ", cv " + cv + ", " + min + ".." + max
                + (values.length > 0 ? ", " + values.length + " values" : "") + file.map(f -> ", " + f).orElse("") + "]";
    }

    public static LengthSpec fixed(int tokens) {
        return new LengthSpec(LengthDistribution.FIXED, tokens, 0, tokens, tokens, new int[0], new double[0],
                Optional.empty());
    }

    public static LengthSpec uniform(int min, int max) {
        return new LengthSpec(LengthDistribution.UNIFORM, (min + max) / 2.0, 0, min, max, new int[0], new double[0],
                Optional.empty());
    }

    public static LengthSpec lognormal(double mean, double cv, int min, int max) {
        return new LengthSpec(LengthDistribution.LOGNORMAL, mean, cv, min, max, new int[0], new double[0],
                Optional.empty());
    }

    /** The values of a file and their weights; min, max and mean are the file's. */
    public static LengthSpec empirical(Path file, int[] values, double[] weights) {
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        double sum = 0;
        double w = 0;
        for (int i = 0; i < values.length; i++) {
            lo = Math.min(lo, values[i]);
            hi = Math.max(hi, values[i]);
            sum += values[i] * weights[i];
            w += weights[i];
        }
        return new LengthSpec(LengthDistribution.EMPIRICAL, w > 0 ? sum / w : 0, 0, lo, hi, values.clone(),
                weights.clone(), Optional.of(file));
    }
}
