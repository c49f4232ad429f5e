package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * Progressive filling restricted to a subset of the flows. Flows outside the subset keep their
 * rates and only reduce the capacity left on shared links. All unfrozen flows of the subset
 * rise together; the link whose remaining capacity divided by its unfrozen flows is smallest
 * (or the smallest demand cap) fixes the next level, and the flows it limits freeze there.
 * With a lazy heap of link shares this costs O((F·P + L) log L) for F flows of path length P
 * over L links, independent of the rest of the network. Results land in scratch columns
 * ({@link #newRate}, {@link #newBottleneck}) for the caller to check and commit.
 */
final class MaxMinSolver {

    private final double[] capacity;
    private final double[] load;
    private final AppendedFlows appended;
    /** Per touched link, how many flows of the subset cross it. */
    private final int[] subsetOnLink;
    private final LinkHeap heap = new LinkHeap();
    private int epoch;

    private final int[] linkMark;
    final double[] remaining;
    private final int[] unfrozen;
    private final double[] pushedKey;
    int[] touchedLinks = new int[64];
    int touchedCount;

    private int[] flowMark = new int[64];
    private int[] frozenMark = new int[64];
    double[] newRate = new double[64];
    int[] newBottleneck = new int[64];

    MaxMinSolver(double[] capacity, double[] load, AppendedFlows appended) {
        this.capacity = capacity;
        this.load = load;
        this.appended = appended;
        int links = capacity.length;
        subsetOnLink = new int[links];
        linkMark = new int[links];
        remaining = new double[links];
        unfrozen = new int[links];
        pushedKey = new double[links];
    }

    /** True if the flow slot is in the subset of the last {@link #solve}. */
    boolean inSubset(int f) {
        return f < flowMark.length && flowMark[f] == epoch;
    }

    /** True if the link carries a flow of the subset of the last {@link #solve}. */
    boolean touched(int l) {
        return linkMark[l] == epoch;
    }

    /**
     * True if the subset of the last solve crosses link {@code l} only with the {@code a} flows the
     * update appended to it: every flow before them in the list was held at its rate.
     */
    boolean heldBeforeAppended(int l, int a) {
        return linkMark[l] == epoch && subsetOnLink[l] == a;
    }

    /** Solves max-min rates for {@code flows[0..n)}, the rest of {@code table} held fixed. */
    void solve(FlowTable table, int[] flows, int n) {
        epoch++;
        ensureFlowCapacity(table.slotCount);
        touchedCount = 0;
        for (int i = 0; i < n; i++) {
            flowMark[flows[i]] = epoch;
        }
        for (int i = 0; i < n; i++) {
            for (int l : table.path[flows[i]]) {
                if (linkMark[l] != epoch) {
                    linkMark[l] = epoch;
                    if (touchedCount == touchedLinks.length) {
                        touchedLinks = Arrays.copyOf(touchedLinks, touchedCount * 2);
                    }
                    touchedLinks[touchedCount++] = l;
                    unfrozen[l] = 0;
                }
                unfrozen[l]++;
            }
        }
        heap.clear();
        // The held flows' load on each touched link, summed in the link's order from its rate
        // column with the subset's rates read as +0.0 (x + 0.0 is x for every rate sum, which is
        // never -0.0): the same bits as skipping them, without a lookup per flow of the link.
        setSubsetRates(table, flows, n, true);
        for (int i = 0; i < touchedCount; i++) {
            int l = touchedLinks[i];
            subsetOnLink[l] = unfrozen[l];
            int a = appended.on(l);
            double fixed = 0;
            if (a > 0 && unfrozen[l] == a) {
                // The held flows are the list before the appended ones, summed as the load was.
                fixed = load[l];
            } else {
                double[] rates = table.linkRates[l];
                for (int k = 0, c = table.linkFlowCount[l]; k < c; k++) {
                    fixed += rates[k];
                }
            }
            remaining[l] = capacity[l] - fixed;
            push(l);
        }
        setSubsetRates(table, flows, n, false);
        int links = capacity.length;
        for (int i = 0; i < n; i++) {
            int f = flows[i];
            if (table.demand[f] < Double.POSITIVE_INFINITY) {
                heap.push(table.demand[f], links + f);
            }
        }
        int frozen = 0;
        while (frozen < n) {
            if (heap.isEmpty()) {
                throw new IllegalStateException("flows without links and without a demand cap have no finite rate");
            }
            double level = heap.topKey();
            int id = heap.topLink();
            heap.pop();
            if (id >= links) {
                int f = id - links;
                if (frozenMark[f] != epoch) {
                    freeze(table, f, level, FlowTable.DEMAND_LIMITED, -1);
                    frozen++;
                }
                continue;
            }
            if (unfrozen[id] == 0 || level != pushedKey[id]) {
                continue;
            }
            int[] list = table.linkFlows[id];
            for (int k = 0, c = table.linkFlowCount[id]; k < c; k++) {
                int g = list[k];
                if (flowMark[g] == epoch && frozenMark[g] != epoch) {
                    freeze(table, g, level, id, id);
                    frozen++;
                }
            }
        }
    }

    /** Writes +0.0 (or back the flow's rate) into the subset's entries of the link rate columns. */
    private static void setSubsetRates(FlowTable table, int[] flows, int n, boolean zero) {
        for (int i = 0; i < n; i++) {
            int f = flows[i];
            double r = zero ? 0.0 : table.rate[f];
            int[] links = table.path[f];
            int[] p = table.pos[f];
            for (int j = 0; j < links.length; j++) {
                table.linkRates[links[j]][p[j]] = r;
            }
        }
    }

    private void freeze(FlowTable table, int f, double rate, int bottleneck, int skipLink) {
        frozenMark[f] = epoch;
        newRate[f] = rate;
        newBottleneck[f] = bottleneck;
        for (int l : table.path[f]) {
            remaining[l] -= rate;
            unfrozen[l]--;
            if (unfrozen[l] > 0 && l != skipLink) {
                push(l);
            }
        }
    }

    private void push(int l) {
        if (unfrozen[l] > 0) {
            double key = Math.max(0.0, remaining[l]) / unfrozen[l];
            pushedKey[l] = key;
            heap.push(key, l);
        }
    }

    private void ensureFlowCapacity(int slots) {
        if (slots > flowMark.length) {
            int n = Math.max(slots, flowMark.length * 2);
            flowMark = Arrays.copyOf(flowMark, n);
            frozenMark = Arrays.copyOf(frozenMark, n);
            newRate = Arrays.copyOf(newRate, n);
            newBottleneck = Arrays.copyOf(newBottleneck, n);
        }
    }
}
