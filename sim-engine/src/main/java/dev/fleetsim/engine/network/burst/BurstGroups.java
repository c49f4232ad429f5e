package dev.fleetsim.engine.network.burst;

import java.util.Arrays;

/**
 * One class of a registered job's bursts with its flows grouped by (bytes per burst, idle rate),
 * equal to the bit: per group those two and the class's link positions that any of its flows
 * crosses. A flow's burst takes {@code bytes / (rate × share)}, its share the smallest scale on
 * its links; IEEE multiplication and division round monotonically, so over one group's flows the
 * slowest is bit for bit {@code bytes / (rate × the smallest scale over the union of their
 * links)}. One collective's ring or all-to-all flows mostly have one or a few such pairs, so
 * {@link BurstSharing}'s stretch walks a few link sets instead of every flow's path (it was 36 %
 * of a saturated run's samples, docs/PERFORMANCE.md, "The shared network when the cluster saturates").
 */
final class BurstGroups {
    private final double[] bytes;
    private final double[] rates;
    private final int[][] slots;

    private BurstGroups(double[] bytes, double[] rates, int[][] slots) {
        this.bytes = bytes;
        this.rates = rates;
        this.slots = slots;
    }

    /**
     * Groups a class's flows: {@code flowLinks[f]} the positions of flow {@code f}'s links in the
     * class's list of {@code slotCount} links, with its bytes per burst and idle rate.
     */
    static BurstGroups of(int[][] flowLinks, double[] flowBytes, double[] flowRates, int slotCount) {
        int n = flowLinks.length;
        int[] groupOf = new int[n];
        int[] table = new int[Integer.highestOneBit(Math.max(1, 2 * n)) << 1];
        int mask = table.length - 1;
        double[] b = new double[n];
        double[] r = new double[n];
        int[] members = new int[n + 1];
        int groups = 0;
        for (int f = 0; f < n; f++) {
            long hb = Double.doubleToLongBits(flowBytes[f]);
            long hr = Double.doubleToLongBits(flowRates[f]);
            int h = mix(hb * 31 + hr) & mask;
            int g = -1;
            for (; table[h] != 0; h = (h + 1) & mask) {
                int at = table[h] - 1;
                if (Double.doubleToLongBits(b[at]) == hb && Double.doubleToLongBits(r[at]) == hr) {
                    g = at;
                    break;
                }
            }
            if (g < 0) {
                g = groups++;
                table[h] = g + 1;
                b[g] = flowBytes[f];
                r[g] = flowRates[f];
            }
            groupOf[f] = g;
            members[g + 1]++;
        }
        // The flows in group order (a counting sort), so each group's links are gathered in one pass.
        for (int g = 0; g < groups; g++) {
            members[g + 1] += members[g];
        }
        int[] next = Arrays.copyOf(members, groups);
        int[] order = new int[n];
        for (int f = 0; f < n; f++) {
            order[next[groupOf[f]]++] = f;
        }
        int[] mark = new int[slotCount];
        int[] gathered = new int[slotCount];
        int[][] slots = new int[groups][];
        for (int g = 0; g < groups; g++) {
            int size = 0;
            for (int i = members[g]; i < members[g + 1]; i++) {
                for (int k : flowLinks[order[i]]) {
                    if (mark[k] != g + 1) {
                        mark[k] = g + 1;
                        gathered[size++] = k;
                    }
                }
            }
            slots[g] = Arrays.copyOf(gathered, size);
        }
        return new BurstGroups(Arrays.copyOf(b, groups), Arrays.copyOf(r, groups), slots);
    }

    /**
     * The longest burst time of the flows that cross a link with a scale below 1 ({@code scale}
     * by class link position), 0 if none does: bit for bit the largest
     * {@code bytes / (rate × share)} over those flows one by one.
     */
    double slowestS(double[] scale) {
        double slowest = 0;
        for (int g = 0; g < slots.length; g++) {
            double share = 1.0;
            for (int k : slots[g]) {
                share = Math.min(share, scale[k]);
            }
            if (share < 1.0) {
                slowest = Math.max(slowest, bytes[g] / (rates[g] * share));
            }
        }
        return slowest;
    }

    int groupCount() {
        return slots.length;
    }

    private static int mix(long x) {
        long h = x * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
