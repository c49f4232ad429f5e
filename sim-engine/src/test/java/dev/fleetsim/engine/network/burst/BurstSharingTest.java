package dev.fleetsim.engine.network.burst;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BurstSharing} by hand on one link, and its bookkeeping against a fresh build on random sequences. */
class BurstSharingTest {

    private static final double C = 100.0;

    /** One class of one flow on {@code path}: {@code bytes} per burst at {@code rate}, once per iteration. */
    private static BurstTraffic one(int[] path, double bytes, double rate) {
        BurstTraffic.Builder b = BurstTraffic.builder();
        int c = b.addClass(1, bytes / rate);
        return b.addFlow(c, path, bytes, rate).build();
    }

    @Test
    void aJobAloneIsNotSlowed() {
        BurstSharing s = new BurstSharing(new double[] {C});
        assertArrayEquals(new int[0], s.add(0, one(new int[] {0}, 100, C), 2.0, 0));
        BurstSharing.Contention c = s.contention(0);
        assertEquals(0.0, c.stretchS()[0]);
        assertEquals(0.0, c.fluidIterationS());
    }

    @Test
    void twoIdenticalJobsStretchEachOthersBurstByTheOthersDuty() {
        // Alone: a 1 s burst at the whole link, in a 2 s iteration (duty 1/2, average load C/2).
        BurstSharing s = new BurstSharing(new double[] {C});
        s.add(0, one(new int[] {0}, 100, C), 2.0, 0);
        assertArrayEquals(new int[] {0}, s.add(1, one(new int[] {0}, 100, C), 2.0, 0));
        // During a burst: demand C + C/2 expected, share 2/3, the burst takes 1.5 s: stretch 0.5 s.
        assertEquals(0.5, s.contention(0).stretchS()[0], 1e-12);
        assertEquals(0.5, s.contention(1).stretchS()[0], 1e-12);
        // The averages (C/2 each) fit: the fluid bound does not bind.
        assertEquals(0.0, s.contention(0).fluidIterationS());
        assertArrayEquals(new int[] {0}, s.remove(1, 10));
        assertEquals(0.0, s.contention(0).stretchS()[0]);
    }

    @Test
    void averagesThatOversubscribeTheLinkBoundTheIteration() {
        // Two jobs that always communicate: 100 bytes at C in a 1 s iteration. Max-min of the averages: C/2 each.
        BurstSharing s = new BurstSharing(new double[] {C});
        s.add(0, one(new int[] {0}, 100, C), 1.0, 0);
        s.add(1, one(new int[] {0}, 100, C), 1.0, 0);
        assertEquals(2.0, s.contention(0).fluidIterationS(), 1e-12);
        assertEquals(0, s.contention(0).fluidClass());
        // The burst share C / (C + C) gives the same: 1 s more.
        assertEquals(1.0, s.contention(0).stretchS()[0], 1e-12);
    }

    @Test
    void eachConnectionTakesItsOwnMaxMinShareOfTheAveragesAndOneConnectionAcrossClassesIsOneFlow() {
        // Job 0: two connections on the link (two NICs' flows of one DP burst); job 1: one connection
        // carrying two collectives (classes) one after another. All always communicating, idle 1 s.
        BurstSharing s = new BurstSharing(new double[] {C});
        BurstTraffic.Builder a = BurstTraffic.builder();
        int ca = a.addClass(1, 1.0);
        a.addFlow(ca, new int[] {0}, 50, C / 2, 0).addFlow(ca, new int[] {0}, 50, C / 2, 1);
        s.add(0, a.build(), 1.0, 0);
        BurstTraffic.Builder b = BurstTraffic.builder();
        int first = b.addClass(1, 0.5);
        int second = b.addClass(1, 0.5);
        b.addFlow(first, new int[] {0}, 50, C, 7).addFlow(second, new int[] {0}, 50, C, 7);
        s.add(1, b.build(), 1.0, 0);
        // Max-min of the averages: three flows (job 0's two, job 1's one of 100 B/s): C/3 each.
        assertEquals(50 / (C / 3), s.contention(0).fluidIterationS(), 1e-12);
        assertEquals(100 / (C / 3), s.contention(1).fluidIterationS(), 1e-12);
    }

    @Test
    void aBurstThatLeavesRoomIsNotSlowedAndItsNeighbourIsNotAffected() {
        // Job 0 bursts at C/4 on link 0; job 1 averages C/2 on links 0 and 1: C/4 + C/2 fits.
        BurstSharing s = new BurstSharing(new double[] {C, C});
        s.add(0, one(new int[] {0}, 25, C / 4), 2.0, 0);
        int[] affected = s.add(1, one(new int[] {0, 1}, 50, C / 2), 1.0, 0);
        assertEquals(0.0, s.contention(0).stretchS()[0]);
        // Job 1's burst (C/2) plus job 0's average (C/8) fits too: nobody moved.
        assertEquals(0.0, s.contention(1).stretchS()[0]);
        assertArrayEquals(new int[0], affected);
    }

    @Test
    void linkLoadsFollowThePacesAndIntegrateToTheBytesMoved() {
        BurstSharing s = new BurstSharing(new double[] {C});
        s.add(0, one(new int[] {0}, 100, C), 2.0, 0);
        assertEquals(50.0, s.loadBytesPerS(0), 1e-12);
        s.pace(0, 4.0, 1_000_000_000L);
        assertEquals(25.0, s.loadBytesPerS(0), 1e-12);
        // 1 s at 50 B/s, then 3 s at 25 B/s.
        assertEquals(50 + 75, s.carriedBytes(0, 4_000_000_000L), 1e-9);
        assertEquals(0.5, s.peakUtilisation(0, 4_000_000_000L), 1e-12);
        s.remove(0, 4_000_000_000L);
        assertEquals(0.0, s.loadBytesPerS(0));
        assertEquals(125, s.carriedBytes(0, 9_000_000_000L), 1e-9);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    /**
     * Random jobs (one to three classes of one to four flows over six links) come and go. After
     * every change: each job's contention equals what a fresh {@code BurstSharing} holding the
     * same jobs gives (the incremental bookkeeping is exact), and every job whose contention
     * moved is among those the change returned (nobody is left at a stale pace).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void incrementalStateMatchesAFreshBuildAndReportsEveryMovedJob(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] caps = {C, C, 2 * C, C / 2, C, 3 * C};
        BurstSharing s = new BurstSharing(caps);
        List<Integer> live = new ArrayList<>();
        Map<Integer, Object[]> specs = new TreeMap<>();
        int next = 0;
        int moved = 0;
        for (int step = 0; step < 80; step++) {
            Map<Integer, double[]> before = snapshot(s, live);
            int[] affected;
            int changed;
            if (live.isEmpty() || (live.size() < 10 && rnd.nextDouble() < 0.6)) {
                double[] busy = new double[1];
                BurstTraffic t = randomTraffic(rnd, caps, busy);
                // Bursting for a third to nine tenths of the iteration.
                double idle = busy[0] / (0.33 + 0.57 * rnd.nextDouble());
                changed = next++;
                affected = s.add(changed, t, idle, step * 1_000_000L);
                live.add(changed);
                specs.put(changed, new Object[] {t, idle});
            } else {
                changed = live.remove(rnd.nextInt(live.size()));
                specs.remove(changed);
                affected = s.remove(changed, step * 1_000_000L);
            }
            BurstSharing fresh = new BurstSharing(caps);
            for (int id : live) {
                fresh.add(id, (BurstTraffic) specs.get(id)[0], (double) specs.get(id)[1], 0);
            }
            Map<Integer, double[]> after = snapshot(s, live);
            for (int id : live) {
                assertArrayEquals(vector(fresh.contention(id)), after.get(id), 1e-9, "seed " + seed + " step " + step + " job " + id);
                double[] old = before.get(id);
                if (old != null && !close(old, after.get(id))) {
                    moved++;
                    assertTrue(Arrays.stream(affected).anyMatch(x -> x == id),
                            "seed " + seed + " step " + step + ": job " + id + " moved but was not reported");
                }
            }
        }
        assertTrue(moved >= 10, "the sequence exercises contention: " + moved + " moves");
    }

    /**
     * The stretch a job keeps between changes is bit for bit the one its links' idle loads give
     * now: random jobs come and go (and change pace) while only a few are asked for their
     * contention at each step, so kept stretches outlive many changes; each answer equals the
     * stretch worked out afresh, to the last bit, whatever moved since it was kept.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void keptStretchIsBitForBitWhatTheIdleLoadsNowGive(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] caps = {C, C, 2 * C, C / 2, C, 3 * C};
        BurstSharing s = new BurstSharing(caps);
        List<Integer> live = new ArrayList<>();
        int next = 0;
        int stretched = 0;
        for (int step = 0; step < 120; step++) {
            long now = step * 1_000_000L;
            if (live.isEmpty() || (live.size() < 12 && rnd.nextDouble() < 0.55)) {
                double[] busy = new double[1];
                BurstTraffic t = randomTraffic(rnd, caps, busy);
                s.add(next, t, busy[0] / (0.33 + 0.57 * rnd.nextDouble()), now);
                live.add(next++);
            } else if (rnd.nextDouble() < 0.3) {
                s.pace(live.get(rnd.nextInt(live.size())), 1 + rnd.nextDouble(), now);
            } else {
                s.remove(live.remove(rnd.nextInt(live.size())), now);
            }
            for (int id : live) {
                if (rnd.nextDouble() < 0.25) {
                    double[] kept = s.contention(id).stretchS();
                    assertArrayEquals(s.freshStretchS(id), kept, "seed " + seed + " step " + step + " job " + id);
                    stretched += Arrays.stream(kept).anyMatch(x -> x > 0) ? 1 : 0;
                }
            }
        }
        assertTrue(stretched >= 10, "the sequence exercises stretched bursts: " + stretched);
    }

    private static Map<Integer, double[]> snapshot(BurstSharing s, List<Integer> live) {
        Map<Integer, double[]> out = new TreeMap<>();
        for (int id : live) {
            out.put(id, vector(s.contention(id)));
        }
        return out;
    }

    private static double[] vector(BurstSharing.Contention c) {
        double[] v = new double[c.stretchS().length + 1];
        System.arraycopy(c.stretchS(), 0, v, 1, c.stretchS().length);
        v[0] = c.fluidIterationS();
        return v;
    }

    private static boolean close(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-9 * Math.max(1, Math.abs(a[i]))) {
                return false;
            }
        }
        return true;
    }

    private static BurstTraffic randomTraffic(SplittableRandom rnd, double[] caps, double[] busy) {
        BurstTraffic.Builder b = BurstTraffic.builder();
        int classes = 1 + rnd.nextInt(3);
        for (int c = 0; c < classes; c++) {
            int flows = 1 + rnd.nextInt(4);
            double transfer = 0.05 + 0.3 * rnd.nextDouble();
            int bursts = 1 + rnd.nextInt(3);
            int cls = b.addClass(bursts, transfer);
            busy[0] += bursts * transfer;
            for (int f = 0; f < flows; f++) {
                int[] path = randomPath(rnd, caps.length);
                double cap = Double.MAX_VALUE;
                for (int l : path) {
                    cap = Math.min(cap, caps[l]);
                }
                // At most a fair share of its narrowest link among the class's flows, so the class fits alone.
                double rate = cap / flows * (0.5 + 0.5 * rnd.nextDouble());
                b.addFlow(cls, path, rate * transfer * (0.5 + 0.5 * rnd.nextDouble()), rate);
            }
        }
        return b.build();
    }

    private static int[] randomPath(SplittableRandom rnd, int links) {
        int len = 1 + rnd.nextInt(3);
        int[] all = {0, 1, 2, 3, 4, 5};
        for (int i = all.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, Math.min(len, links));
    }
}
