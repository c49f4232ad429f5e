package dev.fleetsim.desktop.results;

import dev.fleetsim.engine.NetworkMap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPU numbering of a cluster: GPUs are numbered node by node, so a node's GPUs are
 * {@code first(node) .. first(node) + count(node) - 1}; reads the engine's placement text
 * ({@code n0[0-7] n3[2,5]}, local indices) back into GPU ids.
 */
public final class GpuIndex {
    /** {@code n3[0-7]}, or a run of nodes with the same local GPUs, {@code n0-n63[0-7]}. */
    private static final Pattern NODE = Pattern.compile("n(\\d+)(?:-n(\\d+))?\\[([0-9,\\-]*)]");
    private final int[] first;

    public GpuIndex(NetworkMap map) {
        List<NetworkMap.Vertex> nodes = map.tier(NetworkMap.Tier.NODE);
        first = new int[nodes.size() + 1];
        for (int i = 0; i < nodes.size(); i++) {
            first[i + 1] = first[i] + nodes.get(i).gpus();
        }
    }

    public int nodes() {
        return first.length - 1;
    }

    public int gpus() {
        return first[first.length - 1];
    }

    public int first(int node) {
        return first[node];
    }

    public int count(int node) {
        return first[node + 1] - first[node];
    }

    public int nodeOf(int gpu) {
        int lo = 0;
        int hi = nodes() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (first[mid] <= gpu) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The GPU ids of a placement text; GPUs outside the cluster are left out. */
    public int[] parse(String placement) {
        List<Integer> out = new ArrayList<>();
        Matcher m = NODE.matcher(placement);
        while (m.find()) {
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            for (int node = from; node <= to && node < nodes(); node++) {
                for (String run : m.group(3).split(",")) {
                    if (run.isEmpty()) {
                        continue;
                    }
                    int dash = run.indexOf('-');
                    int a = Integer.parseInt(dash < 0 ? run : run.substring(0, dash));
                    int b = dash < 0 ? a : Integer.parseInt(run.substring(dash + 1));
                    for (int g = a; g <= b && g < count(node); g++) {
                        out.add(first[node] + g);
                    }
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * GPU ids as the engine writes a placement ({@code run.Placements}): node by node with local
     * indices, {@code n0[0-7] n3[2,5]}, consecutive nodes with the same local GPUs as one run,
     * {@code n0-n63[0-7]}.
     */
    public String describe(int[] gpus) {
        int[] sorted = gpus.clone();
        java.util.Arrays.sort(sorted);
        List<Integer> nodeList = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            int node = nodeOf(sorted[i]);
            StringBuilder set = new StringBuilder("[");
            boolean firstRun = true;
            while (i < sorted.length && nodeOf(sorted[i]) == node) {
                int a = sorted[i];
                int b = a;
                while (i + 1 < sorted.length && sorted[i + 1] == b + 1 && nodeOf(sorted[i + 1]) == node) {
                    b = sorted[++i];
                }
                i++;
                set.append(firstRun ? "" : ",").append(a - first[node]);
                if (b > a) {
                    set.append('-').append(b - first[node]);
                }
                firstRun = false;
            }
            nodeList.add(node);
            sets.add(set.append(']').toString());
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < nodeList.size(); ) {
            int end = k;
            while (end + 1 < nodeList.size() && nodeList.get(end + 1) == nodeList.get(end) + 1 && sets.get(end + 1).equals(sets.get(k))) {
                end++;
            }
            sb.append(sb.length() > 0 ? " " : "").append('n').append(nodeList.get(k));
            if (end > k) {
                sb.append("-n").append(nodeList.get(end));
            }
            sb.append(sets.get(k));
            k = end + 1;
        }
        return sb.toString();
    }
}
