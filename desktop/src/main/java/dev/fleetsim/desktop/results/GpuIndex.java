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
    private static final Pattern NODE = Pattern.compile("n(\\d+)\\[([0-9,\\-]*)]");
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
            int node = Integer.parseInt(m.group(1));
            if (node >= nodes()) {
                continue;
            }
            for (String run : m.group(2).split(",")) {
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
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** GPU ids as the engine writes a placement: {@code n0[0-7] n3[2,5]}, node by node, local indices. */
    public String describe(int[] gpus) {
        int[] sorted = gpus.clone();
        java.util.Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int node = nodeOf(sorted[i]);
            sb.append(sb.length() > 0 ? " " : "").append('n').append(node).append('[');
            boolean firstRun = true;
            while (i < sorted.length && nodeOf(sorted[i]) == node) {
                int a = sorted[i];
                int b = a;
                while (i + 1 < sorted.length && sorted[i + 1] == b + 1 && nodeOf(sorted[i + 1]) == node) {
                    b = sorted[++i];
                }
                i++;
                sb.append(firstRun ? "" : ",").append(a - first[node]);
                if (b > a) {
                    sb.append('-').append(b - first[node]);
                }
                firstRun = false;
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
