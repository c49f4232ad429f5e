package dev.fleetsim.engine.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {

    @Test
    void confidenceIntervalIsStudentTOverTheSampleDeviation() {
        Estimate e = Estimate.of(new double[] {1, 2, 3, 4});
        // mean 2.5; s = sqrt((1.5² + 0.5² + 0.5² + 1.5²) / 3) = sqrt(5/3) = 1.290994;
        // t(0.975, 3 df) = 3.182446; half-width = 3.182446 × 1.290994 / sqrt(4) = 2.054265
        assertEquals(4, e.n());
        assertEquals(2.5, e.mean(), 1e-12);
        assertEquals(3.182446 * Math.sqrt(5.0 / 3) / 2, e.halfWidth95(), 1e-5);
        assertEquals(2.5 - e.halfWidth95(), e.low(), 1e-12);
        assertEquals(2.5 + e.halfWidth95(), e.high(), 1e-12);
    }

    @Test
    void twoSeedsUseTheWideTwelvePointSevenQuantile() {
        Estimate e = Estimate.of(new double[] {10, 12});
        // s = sqrt(2) ; t(0.975, 1) = 12.706205 ; half = 12.706205 × sqrt(2) / sqrt(2) = 12.706205
        assertEquals(11, e.mean(), 1e-12);
        assertEquals(12.706205, e.halfWidth95(), 1e-5);
    }

    @Test
    void oneSeedHasNoIntervalAndEqualValuesAZeroOne() {
        Estimate one = Estimate.of(new double[] {7});
        assertEquals(7, one.mean());
        assertTrue(Double.isNaN(one.halfWidth95()));
        assertEquals(0, Estimate.of(new double[] {3, 3, 3}).halfWidth95(), 0);
        assertTrue(Double.isNaN(Estimate.of(new double[0]).mean()));
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
