package dev.fleetsim.engine.run;

import dev.fleetsim.engine.topology.Topology;

import java.util.Arrays;

/**
 * Compact text for a set of GPUs, node by node with local GPU indices: {@code n0[0-7] n3[2,5]}.
 * Consecutive nodes that use the same local GPUs are one run, {@code n0-n63[0-7]} for a
 * 512-GPU job, so a placement stays one short cell in {@code jobs.csv} however large the job.
 */
public final class Placements {
    private Placements() {
    }

    /**
     * A sorted copy. Most jobs hold a few GPUs, already in order: an insertion sort is a pass over
     * them, where {@code Arrays.sort} is a large method the JIT compiles for every element type
     * and call shape it sees.
     */
    private static int[] sorted(int[] gpus) {
        int[] s = gpus.clone();
        if (s.length > 64) {
            Arrays.sort(s);
            return s;
        }
        for (int i = 1; i < s.length; i++) {
            int v = s[i];
            int j = i - 1;
            while (j >= 0 && s[j] > v) {
                s[j + 1] = s[j];
                j--;
            }
            s[j + 1] = v;
        }
        return s;
    }

    public static String describe(Topology topology, int[] gpus) {
        int[] sorted = sorted(gpus);
        // One node's GPU set per node, in node order (ints and strings in arrays: every finished job has one).
        int[] nodes = new int[sorted.length];
        String[] sets = new String[sorted.length];
        int count = 0;
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            Topology.Node node = topology.nodeOfGpu(sorted[i]);
            set.setLength(0);
            set.append('[');
            boolean first = true;
            while (i < sorted.length && topology.nodeOf(sorted[i]) == node.index()) {
                int runStart = sorted[i];
                int runEnd = runStart;
                while (i + 1 < sorted.length && sorted[i + 1] == runEnd + 1 && topology.nodeOf(sorted[i + 1]) == node.index()) {
                    runEnd = sorted[++i];
                }
                i++;
                if (!first) {
                    set.append(',');
                }
                first = false;
                int a = runStart - node.firstGpu();
                int b = runEnd - node.firstGpu();
                set.append(a);
                if (b > a) {
                    set.append('-').append(b);
                }
            }
            nodes[count] = node.index();
            sets[count++] = set.append(']').toString();
        }
        StringBuilder sb = new StringBuilder();
        int k = 0;
        while (k < count) {
            int end = k;
            while (end + 1 < count && nodes[end + 1] == nodes[end] + 1 && sets[end + 1].equals(sets[k])) {
                end++;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('n').append(nodes[k]);
            if (end > k) {
                sb.append("-n").append(nodes[end]);
            }
            sb.append(sets[k]);
            k = end + 1;
        }
        return sb.toString();
    }
}
