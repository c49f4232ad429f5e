package dev.fleetsim.engine.network.burst;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The exact answer {@link BurstSharing} approximates, for jobs on one link: each job computes
 * for {@code u} (jittered by ±5 % per iteration, so no two jobs stay phase-locked), then sends
 * {@code b} bytes at most at {@code D}; the jobs sending at a moment share the link's capacity
 * by max-min. Simulated exactly as piecewise-constant fluid rates from each start or end of a
 * burst to the next, from random initial phases, for many iterations; the mean iteration time
 * over several seeds is the long-run expectation when the jobs' phases are independent.
 */
final class BurstReference {

    /** One periodic job: compute {@code u} seconds, then send {@code b} bytes at most at {@code d} bytes/s. */
    record Periodic(double u, double b, double d) {
        double idleS() {
            return u + b / d;
        }
    }

    private BurstReference() {
    }

    /** Mean iteration time of each job over {@code iterations} iterations, averaged over {@code seeds} seeds. */
    static double[] meanIterationS(Periodic[] jobs, double capacity, int iterations, int seeds) {
        double[] sum = new double[jobs.length];
        for (int seed = 1; seed <= seeds; seed++) {
            double[] one = simulate(jobs, capacity, iterations, new SplittableRandom(seed));
            for (int j = 0; j < jobs.length; j++) {
                sum[j] += one[j] / seeds;
            }
        }
        return sum;
    }

    private static double[] simulate(Periodic[] jobs, double capacity, int iterations, SplittableRandom rnd) {
        int n = jobs.length;
        boolean[] sending = new boolean[n];
        double[] remaining = new double[n];
        int[] done = new int[n];
        double[] first = new double[n];
        double[] last = new double[n];
        for (int j = 0; j < n; j++) {
            remaining[j] = rnd.nextDouble() * jobs[j].idleS() + 1e-9;
        }
        double now = 0;
        double[] rate = new double[n];
        while (Arrays.stream(done).min().getAsInt() < iterations) {
            shares(jobs, sending, capacity, rate);
            double dt = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                dt = Math.min(dt, sending[j] ? remaining[j] / rate[j] : remaining[j]);
            }
            now += dt;
            for (int j = 0; j < n; j++) {
                remaining[j] -= sending[j] ? rate[j] * dt : dt;
            }
            for (int j = 0; j < n; j++) {
                if (remaining[j] > 1e-12 * Math.max(1, jobs[j].b())) {
                    continue;
                }
                if (!sending[j]) {
                    sending[j] = true;
                    remaining[j] = jobs[j].b();
                } else {
                    sending[j] = false;
                    remaining[j] = jobs[j].u() * (1 + 0.05 * (2 * rnd.nextDouble() - 1));
                    if (done[j] == 0) {
                        first[j] = now;
                    }
                    done[j]++;
                    last[j] = now;
                }
            }
        }
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = (last[j] - first[j]) / (done[j] - 1);
        }
        return out;
    }

    /** Max-min (water-filling) of the senders' caps on one link. */
    private static void shares(Periodic[] jobs, boolean[] sending, double capacity, double[] rate) {
        Integer[] order = new Integer[jobs.length];
        int k = 0;
        for (int j = 0; j < jobs.length; j++) {
            rate[j] = 0;
            if (sending[j]) {
                order[k++] = j;
            }
        }
        Arrays.sort(order, 0, k, (a, b) -> Double.compare(jobs[a].d(), jobs[b].d()));
        double left = capacity;
        for (int i = 0; i < k; i++) {
            int j = order[i];
            rate[j] = Math.min(jobs[j].d(), left / (k - i));
            left -= rate[j];
        }
    }
}
