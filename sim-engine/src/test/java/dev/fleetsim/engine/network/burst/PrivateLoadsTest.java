package dev.fleetsim.engine.network.burst;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link BurstSharing}'s figures of private links, whose changes {@link PrivateLoads} applies
 * late, against applying every change at once (the arithmetic {@code BurstSharing} had before),
 * bit for bit: random starts, new paces and stops of jobs with private and shared links, figures
 * read at random moments (so changes wait in between, past the limit of waiting changes), and links
 * private to two jobs at once (contested) among them.
 */
class PrivateLoadsTest {

    /** A job as the reference sees it: its private links and bytes, its shared link and bytes, its pace. */
    private record Held(int id, int[] privateLinks, double[] privateBytes, int shared, double sharedBytes, double[] paceS) {
    }

    /** Every change applied at once, with BurstSharing's formulas of before. */
    private static final class Eager {
        final EagerLinkLoads links;
        final double[] load;
        final int[] sharedCount;

        Eager(double[] capacity) {
            links = new EagerLinkLoads(capacity);
            load = links.load;
            sharedCount = new int[capacity.length];
        }

        void integrate(int l, long nowNs) {
            links.integrate(l, nowNs);
        }

        void add(Held h, long nowNs) {
            for (int i = 0; i < h.privateLinks.length; i++) {
                integrate(h.privateLinks[i], nowNs);
                load[h.privateLinks[i]] += h.privateBytes[i] / h.paceS[0];
            }
            integrate(h.shared, nowNs);
            load[h.shared] += h.sharedBytes / h.paceS[0];
            sharedCount[h.shared]++;
        }

        void pace(Held h, double iterationS, long nowNs) {
            integrate(h.shared, nowNs);
            load[h.shared] += h.sharedBytes * (1.0 / iterationS - 1.0 / h.paceS[0]);
            for (int i = 0; i < h.privateLinks.length; i++) {
                integrate(h.privateLinks[i], nowNs);
                load[h.privateLinks[i]] = h.privateBytes[i] / iterationS;
            }
            h.paceS[0] = iterationS;
        }

        void remove(Held h, long nowNs) {
            for (int l : h.privateLinks) {
                integrate(l, nowNs);
                load[l] = 0;
            }
            integrate(h.shared, nowNs);
            if (--sharedCount[h.shared] == 0) {
                load[h.shared] = 0;
            } else {
                load[h.shared] -= h.sharedBytes / h.paceS[0];
            }
        }

        double carriedBytes(int l, long endNs) {
            return links.carriedBytes(l, endNs);
        }

        double peakUtilisation(int l, long endNs) {
            return links.peakUtilisation(l, endNs);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void lateChangesGiveTheSameBits(long seed) {
        Random rnd = new Random(seed);
        int privateLinks = 40;
        int sharedLinks = 4;
        double[] capacity = new double[privateLinks + sharedLinks];
        for (int l = 0; l < capacity.length; l++) {
            capacity[l] = 1e9 * (1 + rnd.nextInt(100)) / 3.0;
        }
        BurstSharing sharing = new BurstSharing(capacity);
        Eager eager = new Eager(capacity);
        List<Held> held = new ArrayList<>();
        boolean[] taken = new boolean[privateLinks];
        long now = 0;
        int nextId = 0;
        // Odd seeds read rarely, so a job's waiting changes pass the limit kept between reads.
        int readEvery = seed % 2 == 0 ? 25 : 400;
        for (int step = 0; step < 3_000; step++) {
            now += rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(50_000_000);
            int op = rnd.nextInt(10);
            if (op < 3 || held.isEmpty()) {
                // A start: private links mostly free ones; now and then one another job holds (contested).
                int n = 1 + rnd.nextInt(6);
                int[] links = new int[n];
                double[] bytes = new double[n];
                int count = 0;
                for (int tries = 0; tries < 50 && count < n; tries++) {
                    int l = rnd.nextInt(privateLinks);
                    boolean dup = false;
                    for (int k = 0; k < count; k++) {
                        dup |= links[k] == l;
                    }
                    if (dup || taken[l] && rnd.nextInt(20) != 0) {
                        continue;
                    }
                    links[count] = l;
                    bytes[count++] = 1e6 * (1 + rnd.nextInt(1000));
                }
                if (count == 0) {
                    continue;
                }
                links = java.util.Arrays.copyOf(links, count);
                bytes = java.util.Arrays.copyOf(bytes, count);
                int shared = privateLinks + rnd.nextInt(sharedLinks);
                double sharedBytes = 1e6 * (1 + rnd.nextInt(1000));
                double idleS = 0.1 + rnd.nextInt(100) / 10.0;
                BurstTraffic.Builder b = BurstTraffic.builder();
                int c = b.addClass(1, 0.01);
                b.addFlow(c, new int[] {shared}, sharedBytes, sharedBytes / 0.01);
                for (int i = 0; i < count; i++) {
                    b.addPrivateBytes(links[i], bytes[i]);
                    taken[links[i]] = true;
                }
                Held h = new Held(nextId++, links, bytes, shared, sharedBytes, new double[] {idleS});
                sharing.add(h.id, b.build(), idleS, now);
                eager.add(h, now);
                held.add(h);
            } else if (op < 8) {
                Held h = held.get(rnd.nextInt(held.size()));
                double paceS = h.paceS[0] * (0.8 + rnd.nextDouble() * 0.6);
                sharing.pace(h.id, paceS, now);
                eager.pace(h, paceS, now);
            } else {
                Held h = held.remove(rnd.nextInt(held.size()));
                sharing.remove(h.id, now);
                eager.remove(h, now);
                for (int l : h.privateLinks) {
                    taken[l] = false;
                }
                for (Held other : held) {
                    for (int l : other.privateLinks) {
                        taken[l] = true;
                    }
                }
            }
            if (rnd.nextInt(readEvery) == 0 || step == 2_999) {
                long end = now + rnd.nextInt(2) * 7_000_000L;
                for (int l = 0; l < capacity.length; l++) {
                    assertEquals(eager.load[l], sharing.loadBytesPerS(l), "load of link " + l + " at step " + step);
                    assertEquals(eager.carriedBytes(l, end), sharing.carriedBytes(l, end), "carried by link " + l + " at step " + step);
                    assertEquals(eager.peakUtilisation(l, end), sharing.peakUtilisation(l, end), "peak of link " + l + " at step " + step);
                }
            }
        }
    }
}
