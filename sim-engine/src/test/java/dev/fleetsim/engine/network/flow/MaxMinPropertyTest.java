package dev.fleetsim.engine.network.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaxMinPropertyTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void incrementalUpdatesStayMaxMinFair(long seed) {
        randomChanges(seed, 4);
    }

    /** Mostly capped flows, as a run registers training traffic: capped flows start outside the re-solved subset. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void incrementalUpdatesOfMostlyCappedFlowsStayMaxMinFair(long seed) {
        randomChanges(seed, -4);
    }

    /** Random add/remove steps; one flow in {@code capEvery} is capped, or all but one in −capEvery. */
    private static void randomChanges(long seed, int capEvery) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int links = 4 + rnd.nextInt(40);
        double[] cap = new double[links];
        for (int l = 0; l < links; l++) {
            cap[l] = 1 + rnd.nextInt(10) + (rnd.nextBoolean() ? 0.5 : 0);
        }
        FlowNetwork net = new FlowNetwork(cap);
        for (int step = 0; step < 40; step++) {
            int[] active = net.activeFlowIds();
            double[] before = new double[active.length];
            for (int i = 0; i < active.length; i++) {
                before[i] = net.rateBytesPerS(active[i]);
            }
            int removeCount = active.length == 0 ? 0 : rnd.nextInt(Math.min(active.length, 4) + 1);
            int[] remove = pickDistinct(rnd, active, removeCount);
            int addCount = rnd.nextInt(5);
            int[][] paths = new int[addCount][];
            double[] demands = new double[addCount];
            for (int i = 0; i < addCount; i++) {
                paths[i] = randomPath(rnd, links);
                boolean capped = capEvery > 0 ? rnd.nextInt(capEvery) == 0 : rnd.nextInt(-capEvery) != 0;
                demands[i] = capped ? 0.25 + rnd.nextInt(8) : FlowNetwork.UNCAPPED;
            }
            RateUpdate update = net.change(remove, paths, demands);

            String where = "seed " + seed + " step " + step;
            assertFeasibleAndBottlenecked(net, where);
            assertEqualsReference(net, where);
            assertEqualsFullRecomputation(net, cap, where);
            assertChangedListExact(net, active, before, remove, update, where);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameCallsGiveBitIdenticalRatesAndIds(long seed) {
        double[][] runs = new double[2][];
        for (int run = 0; run < 2; run++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] cap = new double[30];
            Arrays.fill(cap, 3.0);
            FlowNetwork net = new FlowNetwork(cap);
            for (int step = 0; step < 30; step++) {
                int[] active = net.activeFlowIds();
                int[] remove = pickDistinct(rnd, active, active.length == 0 ? 0 : rnd.nextInt(Math.min(3, active.length) + 1));
                int[][] paths = {randomPath(rnd, cap.length), randomPath(rnd, cap.length)};
                net.change(remove, paths, new double[] {FlowNetwork.UNCAPPED, 1.0 + rnd.nextInt(3)});
            }
            int[] ids = net.activeFlowIds();
            runs[run] = new double[ids.length * 2];
            for (int i = 0; i < ids.length; i++) {
                runs[run][2 * i] = ids[i];
                runs[run][2 * i + 1] = net.rateBytesPerS(ids[i]);
            }
        }
        assertArrayEquals(runs[0], runs[1], 0.0, "seed " + seed);
    }

    @Test
    void twoFlowsOnOneLinkSplitItAndACappedFlowLeavesTheRestToTheOther() {
        FlowNetwork net = new FlowNetwork(new double[] {10, 4});
        int a = net.addFlow(new int[] {0}, FlowNetwork.UNCAPPED).addedFlowIds()[0];
        int b = net.addFlow(new int[] {0, 1}, FlowNetwork.UNCAPPED).addedFlowIds()[0];
        // b is limited to 4 by link 1; a takes the rest of link 0: 10 - 4 = 6.
        assertEquals(4.0, net.rateBytesPerS(b), 1e-12);
        assertEquals(6.0, net.rateBytesPerS(a), 1e-12);
        RateUpdate capped = net.addFlow(new int[] {0}, 1.0);
        // The capped flow takes 1, a gets 10 - 4 - 1 = 5, b keeps 4.
        assertEquals(5.0, net.rateBytesPerS(a), 1e-12);
        assertArrayEquals(new int[] {a}, capped.changedFlowIds());
        RateUpdate removed = net.removeFlows(b);
        // a and the capped flow remain: 10 - 1 = 9 for a.
        assertEquals(9.0, net.rateBytesPerS(a), 1e-12);
        assertArrayEquals(new int[] {a}, removed.changedFlowIds());
        assertEquals(1.0, net.linkUtilisation(0), 1e-12);
        assertEquals(0.0, net.linkLoadBytesPerS(1), 0.0);
    }

    static void assertFeasibleAndBottlenecked(FlowNetwork net, String where) {
        for (int l = 0; l < net.linkCount(); l++) {
            assertTrue(net.linkLoadBytesPerS(l) <= net.capacityBytesPerS(l) * (1 + 1e-9),
                    where + ": link " + l + " over capacity");
        }
        double[] maxOnLink = new double[net.linkCount()];
        double[] loadOnLink = new double[net.linkCount()];
        for (int f : net.activeFlowIds()) {
            for (int l : net.path(f)) {
                maxOnLink[l] = Math.max(maxOnLink[l], net.rateBytesPerS(f));
                loadOnLink[l] += net.rateBytesPerS(f);
            }
        }
        for (int l = 0; l < net.linkCount(); l++) {
            assertEquals(loadOnLink[l], net.linkLoadBytesPerS(l), 1e-9 * net.capacityBytesPerS(l), where + ": load of link " + l);
        }
        for (int f : net.activeFlowIds()) {
            double r = net.rateBytesPerS(f);
            if (Math.abs(r - net.demandCapBytesPerS(f)) <= 1e-9 * r) {
                continue;
            }
            boolean bottlenecked = false;
            for (int l : net.path(f)) {
                boolean saturated = loadOnLink[l] >= net.capacityBytesPerS(l) * (1 - 1e-9);
                bottlenecked |= saturated && maxOnLink[l] <= r * (1 + 1e-9);
            }
            assertTrue(bottlenecked, where + ": flow " + f + " at " + r + " has no bottleneck link");
        }
    }

    /** Naive progressive filling, written independently of the solver, as the oracle. */
    static double[] referenceRates(double[] cap, int[][] paths, double[] demand) {
        int n = paths.length;
        double[] rate = new double[n];
        boolean[] frozen = new boolean[n];
        int left = n;
        double level = 0;
        while (left > 0) {
            double next = Double.POSITIVE_INFINITY;
            for (int l = 0; l < cap.length; l++) {
                double used = 0;
                int free = 0;
                for (int f = 0; f < n; f++) {
                    if (contains(paths[f], l)) {
                        if (frozen[f]) {
                            used += rate[f];
                        } else {
                            free++;
                        }
                    }
                }
                if (free > 0) {
                    next = Math.min(next, (cap[l] - used) / free);
                }
            }
            for (int f = 0; f < n; f++) {
                if (!frozen[f]) {
                    next = Math.min(next, demand[f]);
                }
            }
            level = next;
            for (int f = 0; f < n; f++) {
                if (!frozen[f]) {
                    rate[f] = level;
                }
            }
            for (int f = 0; f < n; f++) {
                if (frozen[f]) {
                    continue;
                }
                boolean stop = demand[f] <= level * (1 + 1e-12);
                for (int l : paths[f]) {
                    double used = 0;
                    for (int g = 0; g < n; g++) {
                        if (contains(paths[g], l)) {
                            used += rate[g];
                        }
                    }
                    stop |= used >= cap[l] * (1 - 1e-12);
                }
                if (stop) {
                    frozen[f] = true;
                    left--;
                }
            }
        }
        return rate;
    }

    private static void assertEqualsReference(FlowNetwork net, String where) {
        int[] ids = net.activeFlowIds();
        int[][] paths = new int[ids.length][];
        double[] demand = new double[ids.length];
        double[] cap = new double[net.linkCount()];
        for (int l = 0; l < cap.length; l++) {
            cap[l] = net.capacityBytesPerS(l);
        }
        for (int i = 0; i < ids.length; i++) {
            paths[i] = net.path(ids[i]);
            demand[i] = net.demandCapBytesPerS(ids[i]);
        }
        double[] expected = referenceRates(cap, paths, demand);
        for (int i = 0; i < ids.length; i++) {
            assertEquals(expected[i], net.rateBytesPerS(ids[i]), 1e-9 * Math.max(1, expected[i]),
                    where + ": flow " + ids[i] + " against the reference");
        }
    }

    private static void assertEqualsFullRecomputation(FlowNetwork net, double[] cap, String where) {
        FlowNetwork fresh = new FlowNetwork(cap);
        int[] ids = net.activeFlowIds();
        int[][] paths = new int[ids.length][];
        double[] demand = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            paths[i] = net.path(ids[i]);
            demand[i] = net.demandCapBytesPerS(ids[i]);
        }
        int[] freshIds = fresh.addFlows(paths, demand).addedFlowIds();
        fresh.recomputeAll();
        for (int i = 0; i < ids.length; i++) {
            assertEquals(fresh.rateBytesPerS(freshIds[i]), net.rateBytesPerS(ids[i]),
                    1e-9 * Math.max(1, net.rateBytesPerS(ids[i])), where + ": incremental != full for flow " + ids[i]);
        }
    }

    private static void assertChangedListExact(FlowNetwork net, int[] before, double[] beforeRates, int[] removed,
                                               RateUpdate update, String where) {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            int f = before[i];
            if (contains(removed, f)) {
                continue;
            }
            if (FlowNetwork.rateMoved(beforeRates[i], net.rateBytesPerS(f))) {
                expected.add(f);
            }
        }
        int[] want = expected.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(want);
        int[] got = Arrays.stream(update.changedFlowIds()).filter(f -> !contains(update.addedFlowIds(), f)).toArray();
        assertArrayEquals(want, got, where + ": changed flows");
    }

    static int[] pickDistinct(SplittableRandom rnd, int[] from, int count) {
        int[] copy = from.clone();
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return Arrays.copyOf(copy, count);
    }

    static int[] randomPath(SplittableRandom rnd, int links) {
        int len = 1 + rnd.nextInt(Math.min(4, links));
        return Arrays.copyOf(pickDistinct(rnd, java.util.stream.IntStream.range(0, links).toArray(), len), len);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
