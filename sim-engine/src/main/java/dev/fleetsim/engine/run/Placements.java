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

    public static String describe(Topology topology, int[] gpus) {
        int[] sorted = gpus.clone();
        Arrays.sort(sorted);
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
