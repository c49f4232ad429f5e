package dev.fleetsim.engine.workload;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpuCountDistributionTest {

    @Test
    void geometricExponentsMatchTheMeanWithMostJobsOnOneGpu() {
        GpuCountDistribution d = GpuCountDistribution.fit(1.928, 128);
        double[] p = d.probabilities();

        assertEquals(8, p.length);
        assertEquals(1.928, d.mean(), 1e-9);
        assertTrue(p[0] >= GpuCountDistribution.MIN_SINGLE_SHARE, "median stays at one GPU");
        // P(k) proportional to theta^k: every ratio of neighbours is the same theta
        double theta = p[1] / p[0];
        for (int k = 1; k < p.length; k++) {
            assertEquals(theta, p[k] / p[k - 1], 1e-9);
        }
    }

    @Test
    void aHighMeanPinsTheSingleGpuShareAndFitsTheRest() {
        // mean 6 over 1..64: one theta for all exponents would leave fewer than 55 % on one GPU
        GpuCountDistribution d = GpuCountDistribution.fit(6, 64);
        double[] p = d.probabilities();

        assertEquals(GpuCountDistribution.MIN_SINGLE_SHARE, p[0], 1e-12);
        assertEquals(6, d.mean(), 1e-9);
        double theta = p[2] / p[1];
        for (int k = 2; k < p.length; k++) {
            assertEquals(theta, p[k] / p[k - 1], 1e-9);
        }
    }

    @Test
    void oneGpuMaximumGivesOnlySingleGpuJobs() {
        assertArrayEquals(new double[] {1.0}, GpuCountDistribution.fit(1.0, 1).probabilities());
        assertThrows(IllegalArgumentException.class, () -> GpuCountDistribution.fit(1.3, 1));
    }

    @Test
    void unreachableMeansAndNonPowersOfTwoAreRejected() {
        // at most 0.55 x 1 + 0.45 x 4 = 2.35 GPUs on average with a 4-GPU cap
        assertThrows(IllegalArgumentException.class, () -> GpuCountDistribution.fit(3.716, 4));
        assertEquals(8, GpuCountDistribution.smallestMaxFor(3.716));
        assertThrows(IllegalArgumentException.class, () -> GpuCountDistribution.fit(2, 96));
    }

    @Test
    void samplingFollowsTheCumulativeShares() {
        GpuCountDistribution d = GpuCountDistribution.fit(1.366, 8);
        double[] p = d.probabilities();

        assertEquals(1, d.sample(0.0));
        assertEquals(1, d.sample(p[0] - 1e-9));
        assertEquals(2, d.sample(p[0] + 1e-9));
        assertEquals(8, d.sample(0.999999999));
        assertEquals(p[3], d.shareAbove(4), 1e-12);
    }
}
