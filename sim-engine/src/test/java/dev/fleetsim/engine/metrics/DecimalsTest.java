package dev.fleetsim.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Decimals} writes what {@code String.format("%.Nf")} writes, on every kind of value the result files hold. */
class DecimalsTest {

    private static void same(double v, int decimals) {
        String expected = String.format(Locale.ROOT, "%." + decimals + "f", v);
        assertEquals(expected, Decimals.format(v, decimals), () -> "value " + v + " (bits " + Double.doubleToRawLongBits(v)
                + ") with " + decimals + " decimals");
    }

    @Test
    void specialValuesAndSigns() {
        double[] values = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, 0.0005, -0.0005, 0.0004999, -0.0001,
                0.125, 0.375, 1e-9, 9.9995, 9.9994999, 999.9995, 1e11, 1e12, 1e15, 1e20, -1e20, Double.MAX_VALUE,
                Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 0.2, 0.3,
                1.005, 2.675, 1.0005, 123456.7895};
        for (double v : values) {
            for (int d = 0; d <= 9; d++) {
                same(v, d);
            }
        }
    }

    @Test
    void nanosecondsAsSeconds() {
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 1_000_000; i++) {
            long ns = r.nextLong(1L << (1 + r.nextInt(62)));
            same(ns / 1e9, 3);
        }
        // whole microseconds and exact half-milliseconds, the values a rounding rule is most likely to get wrong
        for (long ms = 0; ms < 200_000; ms++) {
            same((ms * 1_000_000L + 500_000L) / 1e9, 3);
            same((ms * 1_000_000L + 499_999L) / 1e9, 3);
        }
    }

    @Test
    void randomDoublesOfEveryMagnitude() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            double v = (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(-12, 16));
            same(v, r.nextInt(10));
        }
    }

    @Test
    void halfWayPointsAndTheirNeighbours() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            int d = r.nextInt(7);
            double half = (r.nextLong(1_000_000_000L) + 0.5) / Math.pow(10, d);
            same(half, d);
            same(Math.nextUp(half), d);
            same(Math.nextDown(half), d);
            same(-half, d);
        }
    }

    @Test
    void refusesPrecisionOutsideTheTable() {
        assertThrows(IllegalArgumentException.class, () -> Decimals.format(1, 10));
        assertThrows(IllegalArgumentException.class, () -> Decimals.format(1, -1));
    }
}
