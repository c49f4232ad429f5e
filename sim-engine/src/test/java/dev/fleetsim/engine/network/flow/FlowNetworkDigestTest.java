package dev.fleetsim.engine.network.flow;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the shared network's answers bit for bit: a digest of every update's added and changed ids,
 * subset size and rounds, every active flow's rate bits and every link's load bits, over random
 * add/remove sequences with many flows per link (mostly capped, as a run registers training
 * traffic, some saturated links). The expected digests were taken from the implementation before
 * the per-link rate columns and link-limited lists (flow13b); a layout change that moves one bit of
 * a rate, a load or an id fails here.
 */
class FlowNetworkDigestTest {

    /** Digests of seeds 1..8 as computed by the straightforward per-flow scans of main at 2071596. */
    private static final long[] EXPECTED = {
        2910882710677005906L, -5463996786284376060L, 2425293902218977610L, -8164840508704335211L,
        -5212388964683881273L, -4774207022000615130L, -2703108946024304528L, -8521133129297730973L,
    };

    @Test
    void updatesGiveTheSameBitsAsBefore() {
        long[] digests = new long[8];
        moved = 0;
        reRounds = 0;
        for (int s = 0; s < digests.length; s++) {
            digests[s] = digest(s + 1);
        }
        assertArrayEquals(EXPECTED, digests);
        // The sequences exercise rates that move and updates that needed a second solve.
        assertTrue(moved > 500 && reRounds > 50, moved + " updates moved rates, " + reRounds + " needed more rounds");
    }

    private static int moved;
    private static int reRounds;

    private static long digest(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int links = 6 + rnd.nextInt(20);
        double[] cap = new double[links];
        for (int l = 0; l < links; l++) {
            cap[l] = 20 + rnd.nextInt(60) + rnd.nextDouble();
        }
        FlowNetwork net = new FlowNetwork(cap);
        long h = seed;
        for (int step = 0; step < 400; step++) {
            int[] active = net.activeFlowIds();
            int removeCount = active.length < 40 ? rnd.nextInt(2) : rnd.nextInt(Math.min(active.length, 12) + 1);
            int[] remove = MaxMinPropertyTest.pickDistinct(rnd, active, Math.min(removeCount, active.length));
            int addCount = active.length > 160 ? rnd.nextInt(3) : rnd.nextInt(12);
            int[][] paths = new int[addCount][];
            double[] demands = new double[addCount];
            for (int i = 0; i < addCount; i++) {
                paths[i] = MaxMinPropertyTest.randomPath(rnd, links);
                demands[i] = rnd.nextInt(12) == 0 ? FlowNetwork.UNCAPPED : 0.1 + rnd.nextDouble() * (step % 50 < 25 ? 1.5 : 4);
            }
            RateUpdate up = net.change(remove, paths, demands);
            for (int f : up.addedFlowIds()) {
                h = mix(h, f);
            }
            for (int f : up.changedFlowIds()) {
                h = mix(h, f);
            }
            h = mix(mix(h, up.flowsResolved()), up.rounds());
            moved += up.changedFlowIds().length > 0 ? 1 : 0;
            reRounds += up.rounds() > 1 ? 1 : 0;
            for (int f : net.activeFlowIds()) {
                h = mix(mix(h, f), Double.doubleToRawLongBits(net.rateBytesPerS(f)));
            }
            for (int l = 0; l < links; l++) {
                h = mix(mix(h, net.flowCountOnLink(l)), Double.doubleToRawLongBits(net.linkLoadBytesPerS(l)));
            }
        }
        return h;
    }

    private static long mix(long h, long x) {
        long z = (h ^ x) * 0x9E3779B97F4A7C15L;
        return z ^ (z >>> 29);
    }
}
