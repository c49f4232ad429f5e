package dev.fleetsim.engine.run;

import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        List<Integer> nodes = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            Topology.Node node = topology.nodeOfGpu(sorted[i]);
            StringBuilder set = new StringBuilder("[");
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
            nodes.add(node.index());
            sets.add(set.append(']').toString());
        }
        StringBuilder sb = new StringBuilder();
        int k = 0;
        while (k < nodes.size()) {
            int end = k;
            while (end + 1 < nodes.size() && nodes.get(end + 1) == nodes.get(end) + 1 && sets.get(end + 1).equals(sets.get(k))) {
                end++;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('n').append(nodes.get(k));
            if (end > k) {
                sb.append("-n").append(nodes.get(end));
            }
            sb.append(sets.get(k));
            k = end + 1;
        }
        return sb.toString();
    }
}
