package dev.fleetsim.engine.run;

import dev.fleetsim.engine.topology.Topology;

import java.util.Arrays;

/** Compact text for a set of GPUs, node by node: {@code n0[0-7] n3[2,5]}, with local GPU indices. */
public final class Placements {
    private Placements() {
    }

    public static String describe(Topology topology, int[] gpus) {
        int[] sorted = gpus.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            Topology.Node node = topology.nodeOfGpu(sorted[i]);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('n').append(node.index()).append('[');
            boolean first = true;
            while (i < sorted.length && topology.nodeOf(sorted[i]) == node.index()) {
                int runStart = sorted[i];
                int runEnd = runStart;
                while (i + 1 < sorted.length && sorted[i + 1] == runEnd + 1 && topology.nodeOf(sorted[i + 1]) == node.index()) {
                    runEnd = sorted[++i];
                }
                i++;
                if (!first) {
                    sb.append(',');
                }
                first = false;
                int a = runStart - node.firstGpu();
                int b = runEnd - node.firstGpu();
                sb.append(a);
                if (b > a) {
                    sb.append('-').append(b);
                }
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
