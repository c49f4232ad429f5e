package dev.fleetsim.engine.network.burst;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BurstGroups}: the slowest burst by groups of equal (bytes, rate) against every flow one by one. */
class BurstGroupsTest {

    /**
     * Random classes whose flows draw (bytes, rate) from a few pairs, as a collective's flows do,
     * and random scales (a third of the links shared): the grouped slowest time is bit for bit the
     * largest {@code bytes / (rate × share)} over the flows that cross a shared link.
     */
    @Test
    void slowestOfTheGroupsIsBitForBitTheSlowestFlow() {
        SplittableRandom rnd = new SplittableRandom(14);
        int nonZero = 0;
        for (int trial = 0; trial < 2_000; trial++) {
            int slots = 1 + rnd.nextInt(12);
            int flows = 1 + rnd.nextInt(40);
            int pairs = 1 + rnd.nextInt(4);
            double[] pairBytes = new double[pairs];
            double[] pairRates = new double[pairs];
            for (int p = 0; p < pairs; p++) {
                pairBytes[p] = 1e6 * (0.1 + rnd.nextDouble());
                pairRates[p] = 1e9 * (0.1 + rnd.nextDouble());
            }
            int[][] flowLinks = new int[flows][];
            double[] bytes = new double[flows];
            double[] rates = new double[flows];
            for (int f = 0; f < flows; f++) {
                int p = rnd.nextInt(pairs);
                bytes[f] = pairBytes[p];
                rates[f] = pairRates[p];
                int len = 1 + rnd.nextInt(Math.min(4, slots));
                flowLinks[f] = rnd.ints(0, slots).distinct().limit(len).toArray();
            }
            double[] scale = new double[slots];
            for (int k = 0; k < slots; k++) {
                scale[k] = rnd.nextDouble() < 0.33 ? 0.2 + 0.8 * rnd.nextDouble() * 0.999 : 1.0;
            }
            double expected = 0;
            for (int f = 0; f < flows; f++) {
                double share = 1.0;
                for (int k : flowLinks[f]) {
                    share = Math.min(share, scale[k]);
                }
                if (share < 1.0) {
                    expected = Math.max(expected, bytes[f] / (rates[f] * share));
                }
            }
            BurstGroups g = BurstGroups.of(flowLinks, bytes, rates, slots);
            assertTrue(g.groupCount() <= pairs, "at most one group a pair");
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(g.slowestS(scale)), "trial " + trial);
            nonZero += expected > 0 ? 1 : 0;
        }
        assertTrue(nonZero > 1_000, "most trials have a shared flow: " + nonZero);
    }
}
