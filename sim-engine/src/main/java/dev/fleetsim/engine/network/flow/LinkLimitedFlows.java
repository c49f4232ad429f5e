package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * Per link, the solved flows on it that a link limits (not held by their own demand cap), beside
 * {@link FlowTable}'s list of all its flows. An update re-solves exactly those flows of the links
 * it touches, besides the flows it adds (not yet solved, so not listed: they are in the subset from
 * the start), and checks exactly those against their bottleneck, so it reads these short lists
 * instead of every flow of a busy link (training traffic is almost all at its cap). The lists are
 * sets: their order is never read for a result.
 */
final class LinkLimitedFlows {

    final int[][] flows;
    final int[] count;
    /** Per link, per listed flow: the hop of the flow's path that is this link. */
    private final int[][] hops;
    /** Per flow slot, per hop of its path: its position in that link's list (null: not listed). */
    private int[][] at = new int[64][];

    LinkLimitedFlows(int links) {
        flows = new int[links][];
        hops = new int[links][];
        count = new int[links];
    }

    boolean listed(int f) {
        return f < at.length && at[f] != null;
    }

    void list(int f, int[] path) {
        if (f >= at.length) {
            at = Arrays.copyOf(at, Math.max(f + 1, 2 * at.length));
        }
        int[] positions = new int[path.length];
        for (int i = 0; i < path.length; i++) {
            int l = path[i];
            int n = count[l];
            if (flows[l] == null) {
                flows[l] = new int[4];
                hops[l] = new int[4];
            } else if (n == flows[l].length) {
                flows[l] = Arrays.copyOf(flows[l], 2 * n);
                hops[l] = Arrays.copyOf(hops[l], 2 * n);
            }
            flows[l][n] = f;
            hops[l][n] = i;
            positions[i] = n;
            count[l] = n + 1;
        }
        at[f] = positions;
    }

    void unlist(int f, int[] path) {
        int[] positions = at[f];
        for (int i = 0; i < path.length; i++) {
            int l = path[i];
            int p = positions[i];
            int last = --count[l];
            int moved = flows[l][last];
            int hop = hops[l][last];
            flows[l][p] = moved;
            hops[l][p] = hop;
            if (moved != f) {
                at[moved][hop] = p;
            }
        }
        at[f] = null;
    }
}
