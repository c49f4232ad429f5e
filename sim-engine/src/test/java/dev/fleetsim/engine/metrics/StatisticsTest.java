package dev.fleetsim.engine.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Confidence intervals that stay in the metric's range, and Jain's index, by hand. */
class StatisticsTest {

    @Test
    void twoValuesGiveTheirOwnSpan() {
        // Resampling two values: means a (1/4), (a+b)/2 (1/2), b (1/4); the 2.5th and 97.5th percentiles are a and b.
        Estimate e = Estimate.of(new double[] {10, 12}, "two");
        assertEquals(2, e.n());
        assertEquals(11, e.mean(), 1e-12);
        assertEquals(10, e.low(), 0);
        assertEquals(12, e.high(), 0);
    }

    @Test
    void theIntervalHoldsTheMeanAndStaysInsideTheValues() {
        double[] waits = {0, 0, 0, 5_310, 0};
        Estimate e = Estimate.of(waits, "waits");
        // Student t gave 1,062 ± 2,948 s here, a negative lower bound for a wait.
        assertEquals(1062, e.mean(), 1e-9);
        assertTrue(e.low() >= 0 && e.low() <= e.mean() && e.mean() <= e.high() && e.high() <= 5_310, e.toString());
        assertEquals(0, e.low(), 0, "four of five seeds never wait: a resample of zeros is likely");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void jainsIndexIntervalStaysBetweenOneOverNAndOne(long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] index = new double[3 + r.nextInt(5)];
        for (int i = 0; i < index.length; i++) {
            double[] tenants = {r.nextDouble() * 5 + 1, r.nextDouble() * 5 + 1, r.nextDouble() * 50 + 1};
            index[i] = Fairness.jain(tenants);
        }
        Estimate e = Estimate.of(index, "jain/" + seed);
        double lo = Arrays.stream(index).min().orElseThrow();
        double hi = Arrays.stream(index).max().orElseThrow();
        assertTrue(e.low() >= lo && e.high() <= hi && lo >= 1.0 / 3 - 1e-12 && hi <= 1 + 1e-12, e + " " + Arrays.toString(index));
    }

    @Test
    void theSameValuesAndNameGiveTheSameIntervalAndOneValueNone() {
        double[] v = {3.1, 4.7, 2.2, 9.0};
        assertEquals(Estimate.of(v, "x"), Estimate.of(v.clone(), "x"));
        Estimate one = Estimate.of(new double[] {7}, "one");
        assertEquals(7, one.mean());
        assertTrue(Double.isNaN(one.low()) && !one.hasInterval());
        Estimate same = Estimate.of(new double[] {3, 3, 3}, "same");
        assertEquals(3, same.low(), 0);
        assertEquals(3, same.high(), 0);
        assertTrue(Double.isNaN(Estimate.of(new double[0], "none").mean()));
    }

    @Test
    void aWideSpreadGivesAnIntervalInsideItButNotAPoint() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        Estimate e = Estimate.of(v, "ten");
        // The mean of ten draws from 1..10 has sd 2.87 / sqrt(10) = 0.91: the interval is about 5.5 ± 1.8.
        assertTrue(e.low() > 3.2 && e.low() < 4.2, e.toString());
        assertTrue(e.high() > 6.8 && e.high() < 7.8, e.toString());
    }

    @Test
    void jainsIndexByHand() {
        // (1 + 2)² / (2 × (1 + 4)) = 9 / 10
        assertEquals(0.9, Fairness.jain(new double[] {1, 2}), 1e-12);
        // equal shares: 1; one tenant has it all among four: 1/4
        assertEquals(1.0, Fairness.jain(new double[] {3, 3, 3}), 1e-12);
        assertEquals(0.25, Fairness.jain(new double[] {5, 0, 0, 0}), 1e-12);
        // (1 + 2 + 3 + 10)² / (4 × (1 + 4 + 9 + 100)) = 256 / 456
        assertEquals(256.0 / 456, Fairness.jain(new double[] {1, 2, 3, 10}), 1e-12);
        assertTrue(Double.isNaN(Fairness.jain(new double[0])));
    }
}
