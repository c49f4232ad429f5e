package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * Max-min rates of a set of flows alone on an otherwise idle network, in one pass and without
 * keeping them: what a {@link FlowNetwork} with no flows answers for {@code addFlows(paths, caps)}
 * (bit for bit), for costing a collective on the idle network at every job start. The same
 * progressive filling as {@link MaxMinSolver}, on the links the flows use renumbered densely in
 * ascending id order, so the arrays it touches are the size of the flows' footprint rather than
 * of the whole fabric, ties between equal shares break in the same order, and no incremental
 * bookkeeping (optimality check, loads, slots to reuse) is paid: nothing stays after the call.
 * Scratch arrays are reused between calls, so one instance serves one thread.
 */
public final class IsolatedMaxMin {

    private final double[] capacity;
    /** Per global link: the call that last saw it, and its dense index in that call. */
    private final int[] seenIn;
    private final int[] local;
    private int call;

    private int[] links = new int[64];
    private int[] unfrozen = new int[64];
    private double[] remaining = new double[64];
    private double[] pushedKey = new double[64];
    private int[] linkStart = new int[65];
    private int[] linkFlows = new int[64];
    private int[] pathStart = new int[65];
    private int[] pathLinks = new int[64];
    private boolean[] frozen = new boolean[64];
    private final IndexedLinkHeap heap = new IndexedLinkHeap();

    /** Links {@code 0..capacities.length)} with these capacities in bytes/s (finite, positive). */
    public IsolatedMaxMin(double[] capacitiesBytesPerS) {
        for (int l = 0; l < capacitiesBytesPerS.length; l++) {
            if (!(capacitiesBytesPerS[l] > 0) || Double.isInfinite(capacitiesBytesPerS[l])) {
                throw new IllegalArgumentException("link " + l + " needs a finite positive capacity, was " + capacitiesBytesPerS[l]);
            }
        }
        this.capacity = capacitiesBytesPerS.clone();
        this.seenIn = new int[capacity.length];
        this.local = new int[capacity.length];
    }

    /**
     * The max-min rate of each flow (bytes/s), flows sharing links only with each other. Paths
     * are link ids, none repeated within a path; a demand cap is positive or
     * {@link FlowNetwork#UNCAPPED}, and finite for an empty path.
     */
    public double[] rates(int[][] paths, double[] demandCapsBytesPerS) {
        int n = paths.length;
        if (demandCapsBytesPerS.length != n) {
            throw new IllegalArgumentException(n + " paths but " + demandCapsBytesPerS.length + " demand caps");
        }
        int k = collectLinks(paths, demandCapsBytesPerS);
        layOut(paths, k);
        double[] rate = new double[n];
        fill(n, k, demandCapsBytesPerS, rate);
        return rate;
    }

    /** Finds the distinct links (checking the arguments) and numbers them in ascending id order; returns their count. */
    private int collectLinks(int[][] paths, double[] caps) {
        int c = nextCall();
        int k = 0;
        int total = 0;
        for (int i = 0; i < paths.length; i++) {
            double d = caps[i];
            if (!(d > 0)) {
                throw new IllegalArgumentException("demand cap of path " + i + " must be positive or UNCAPPED, was " + d);
            }
            if (paths[i].length == 0 && d == FlowNetwork.UNCAPPED) {
                throw new IllegalArgumentException("path " + i + " is empty and uncapped: its rate would be infinite");
            }
            for (int l : paths[i]) {
                if (l < 0 || l >= capacity.length) {
                    throw new IllegalArgumentException("path " + i + " names link " + l + " of " + capacity.length);
                }
                if (seenIn[l] != c) {
                    seenIn[l] = c;
                    local[l] = -1;
                    if (k == links.length) {
                        links = Arrays.copyOf(links, 2 * k);
                    }
                    links[k++] = l;
                }
            }
            total += paths[i].length;
            // A repeated link within one path: the flow would count twice on it.
            for (int l : paths[i]) {
                if (local[l] == -2 - i) {
                    throw new IllegalArgumentException("path " + i + " crosses link " + l + " twice");
                }
                local[l] = -2 - i;
            }
        }
        Arrays.sort(links, 0, k);
        ensureLinks(k);
        ensureFlows(paths.length, total);
        for (int j = 0; j < k; j++) {
            local[links[j]] = j;
            unfrozen[j] = 0;
        }
        return k;
    }

    /** Paths in dense link numbers, and each link's flows in flow order (the order a table lists them). */
    private void layOut(int[][] paths, int k) {
        int at = 0;
        for (int i = 0; i < paths.length; i++) {
            pathStart[i] = at;
            for (int l : paths[i]) {
                int j = local[l];
                pathLinks[at++] = j;
                unfrozen[j]++;
            }
        }
        pathStart[paths.length] = at;
        linkStart[0] = 0;
        for (int j = 0; j < k; j++) {
            linkStart[j + 1] = linkStart[j] + unfrozen[j];
        }
        int[] next = Arrays.copyOf(linkStart, k);
        for (int i = 0; i < paths.length; i++) {
            for (int p = pathStart[i]; p < pathStart[i + 1]; p++) {
                linkFlows[next[pathLinks[p]]++] = i;
            }
        }
    }

    /**
     * Progressive filling as {@link MaxMinSolver#solve} does it with every flow in the subset. Each
     * link is in the heap once, its share moved in place as flows freeze ({@link IndexedLinkHeap}):
     * the same links in the same order as the solver's lazy heap, without its stale entries.
     */
    private void fill(int n, int k, double[] caps, double[] rate) {
        heap.clear(k + n);
        for (int j = 0; j < k; j++) {
            remaining[j] = capacity[links[j]];
            push(j);
        }
        Arrays.fill(frozen, 0, n, false);
        for (int i = 0; i < n; i++) {
            if (caps[i] < Double.POSITIVE_INFINITY) {
                heap.set(caps[i], k + i);
            }
        }
        int done = 0;
        while (done < n) {
            if (heap.isEmpty()) {
                throw new IllegalStateException("flows without links and without a demand cap have no finite rate");
            }
            double level = heap.topKey();
            int id = heap.topId();
            heap.pop();
            if (id >= k) {
                int f = id - k;
                if (!frozen[f]) {
                    freeze(f, level, -1, rate);
                    done++;
                }
                continue;
            }
            if (unfrozen[id] == 0 || level != pushedKey[id]) {
                continue;
            }
            for (int q = linkStart[id]; q < linkStart[id + 1]; q++) {
                int g = linkFlows[q];
                if (!frozen[g]) {
                    freeze(g, level, id, rate);
                    done++;
                }
            }
        }
    }

    private void freeze(int f, double level, int skipLink, double[] rate) {
        frozen[f] = true;
        rate[f] = level;
        for (int p = pathStart[f]; p < pathStart[f + 1]; p++) {
            int j = pathLinks[p];
            remaining[j] -= level;
            unfrozen[j]--;
            if (unfrozen[j] > 0 && j != skipLink) {
                push(j);
            }
        }
    }

    private void push(int j) {
        if (unfrozen[j] > 0) {
            double key = Math.max(0.0, remaining[j]) / unfrozen[j];
            pushedKey[j] = key;
            heap.set(key, j);
        }
    }

    private int nextCall() {
        if (++call == Integer.MAX_VALUE) {
            Arrays.fill(seenIn, 0);
            call = 1;
        }
        return call;
    }

    private void ensureLinks(int k) {
        if (unfrozen.length < k) {
            int m = Math.max(k, 2 * unfrozen.length);
            unfrozen = new int[m];
            remaining = new double[m];
            pushedKey = new double[m];
            linkStart = new int[m + 1];
        }
    }

    private void ensureFlows(int n, int total) {
        if (frozen.length < n) {
            int m = Math.max(n, 2 * frozen.length);
            frozen = new boolean[m];
            pathStart = new int[m + 1];
        }
        if (pathLinks.length < total) {
            int m = Math.max(total, 2 * pathLinks.length);
            pathLinks = new int[m];
            linkFlows = new int[m];
        }
    }
}
