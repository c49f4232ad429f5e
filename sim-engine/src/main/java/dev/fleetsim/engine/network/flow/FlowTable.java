package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * Storage of the active flows of a {@link FlowNetwork}: per-slot columns (path, demand cap,
 * rate, bottleneck link) and, per link, the slots crossing it with each flow's position in
 * those lists so that removal is O(path length). Beside each link's slots lie their rates (a
 * copy of the rate column in the link's order, so a link's load is summed from one array in the
 * same order as before) and the hop of each flow's path that is the link; {@link #limited}
 * lists the solved flows limited by a link (not at their demand cap). Rates and bottlenecks are therefore written only
 * through {@link #setRate} and {@link #setBottleneck}. Slots of removed flows are reused lowest
 * first so that ids stay small and the layout depends only on the sequence of operations.
 */
final class FlowTable {

    /** Bottleneck value of a flow held back by its own demand cap, not by a link. */
    static final int DEMAND_LIMITED = -2;
    /** Bottleneck value of a flow not yet solved. */
    static final int UNSOLVED = -1;

    int[][] path = new int[64][];
    int[][] pos = new int[64][];
    double[] demand = new double[64];
    double[] rate = new double[64];
    int[] bottleneck = new int[64];
    boolean[] active = new boolean[64];
    int slotCount;
    int activeCount;
    /** Slots of removed flows; the lowest is reused first. */
    private final FreeSlots free = new FreeSlots();

    final int[][] linkFlows;
    final int[] linkFlowCount;
    /** Per link, in {@code linkFlows} order: each flow's rate ({@code rate[linkFlows[l][k]]}). */
    final double[][] linkRates;
    /** Per link, in {@code linkFlows} order: the hop of the flow's path that is this link. */
    private final int[][] linkHops;
    final LinkLimitedFlows limited;

    FlowTable(int links) {
        linkFlows = new int[links][];
        linkFlowCount = new int[links];
        linkRates = new double[links][];
        linkHops = new int[links][];
        limited = new LinkLimitedFlows(links);
    }

    void setRate(int f, double r) {
        rate[f] = r;
        int[] links = path[f];
        int[] p = pos[f];
        for (int i = 0; i < links.length; i++) {
            linkRates[links[i]][p[i]] = r;
        }
    }

    /** Sets a solved flow's bottleneck: a link, or {@link #DEMAND_LIMITED}. */
    void setBottleneck(int f, int b) {
        boolean wasLimited = bottleneck[f] >= 0;
        bottleneck[f] = b;
        if (wasLimited != (b >= 0)) {
            if (wasLimited) {
                limited.unlist(f, path[f]);
            } else {
                limited.list(f, path[f]);
            }
        }
    }

    int add(int[] links, double demandCap) {
        int f;
        if (free.isEmpty()) {
            f = slotCount++;
            if (f == path.length) {
                int n = f * 2;
                path = Arrays.copyOf(path, n);
                pos = Arrays.copyOf(pos, n);
                demand = Arrays.copyOf(demand, n);
                rate = Arrays.copyOf(rate, n);
                bottleneck = Arrays.copyOf(bottleneck, n);
                active = Arrays.copyOf(active, n);
            }
        } else {
            f = free.poll();
        }
        path[f] = links;
        demand[f] = demandCap;
        rate[f] = 0;
        bottleneck[f] = UNSOLVED;
        active[f] = true;
        int[] p = new int[links.length];
        for (int i = 0; i < links.length; i++) {
            int l = links[i];
            int[] list = linkFlows[l];
            if (list == null) {
                list = new int[4];
                linkFlows[l] = list;
                linkRates[l] = new double[4];
                linkHops[l] = new int[4];
            } else if (linkFlowCount[l] == list.length) {
                list = Arrays.copyOf(list, list.length * 2);
                linkFlows[l] = list;
                linkRates[l] = Arrays.copyOf(linkRates[l], list.length);
                linkHops[l] = Arrays.copyOf(linkHops[l], list.length);
            }
            int k = linkFlowCount[l]++;
            p[i] = k;
            list[k] = f;
            linkRates[l][k] = 0;
            linkHops[l][k] = i;
        }
        pos[f] = p;
        activeCount++;
        return f;
    }

    void remove(int f) {
        int[] links = path[f];
        if (bottleneck[f] >= 0) {
            limited.unlist(f, links);
        }
        for (int i = 0; i < links.length; i++) {
            int l = links[i];
            int at = pos[f][i];
            int last = --linkFlowCount[l];
            int moved = linkFlows[l][last];
            int hop = linkHops[l][last];
            linkFlows[l][at] = moved;
            linkRates[l][at] = linkRates[l][last];
            linkHops[l][at] = hop;
            if (moved != f) {
                pos[moved][hop] = at;
            }
        }
        path[f] = null;
        pos[f] = null;
        active[f] = false;
        rate[f] = 0;
        activeCount--;
        free.push(f);
    }

    boolean isActive(int f) {
        return f >= 0 && f < slotCount && active[f];
    }
}
