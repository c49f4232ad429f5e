package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.topology.Topology;

import java.util.Arrays;

/**
 * A placement as runs of consecutive ranks on one node, for finding the distinct group costs of
 * a <em>fragmented</em> placement (partial nodes, nodes and leaves in any order) without a
 * signature per group. It applies when every node of the placement holds one run of ranks (a
 * scheduler lists each node's GPUs together) and all its nodes are of one class (what the analytic
 * model tells apart). Then the members a group has on a node are the members it has in that
 * node's run, and the analytic time of a group depends only on its key: the fewest and the most
 * members on one node, whether it spans nodes and whether it spans leaves
 * ({@code AnalyticCollectiveModel}: a ring's bottleneck is NVLink when some node holds two members,
 * else the smallest NIC share, divided by the oversubscription across leaves; an all-to-all's is the
 * fullest node's NVLink or the emptiest node's NICs). One representative per key is costed.
 * <p>
 * Finding keys: a group of consecutive ranks takes the runs it overlaps (O(groups + runs) for a
 * whole list); a group whose members are at least a run apart has one member per node, so its key
 * is only whether it spans leaves, and a group that spans leaves costs at least what one that does
 * not costs (same latency, bandwidth divided by the oversubscription): the list's first spanning
 * group is the slowest and the scan stops there. Other strides count members run by run,
 * O(members). Pairs: same rank, same node, same leaf or across leaves, from their runs; across
 * leaves again dominates within a leaf, so pairs at least a run apart stop at the first that
 * crosses leaves.
 */
final class PlacementRuns {

    private final int[] runStart;
    private final int[] runLeaf;
    private final int runs;
    private final int maxRun;
    private final boolean oversubscribed;

    private PlacementRuns(int[] runStart, int[] runLeaf, int runs, int maxRun, boolean oversubscribed) {
        this.runStart = runStart;
        this.runLeaf = runLeaf;
        this.runs = runs;
        this.maxRun = maxRun;
        this.oversubscribed = oversubscribed;
    }

    /**
     * The run view of {@code gpus}, or null when a node recurs in it, its nodes are of more than one
     * class or its runs average under two ranks (a scattered placement: the signature path serves it).
     * One pass over the ranks that notes each run's start and node where the node changes (a branch
     * per rank that only mispredicts at a run's start: measured faster than a branch-free store at
     * every rank), then one over the runs (their nodes' classes and leaves, a bit per node to see
     * one recur).
     */
    static PlacementRuns of(Topology topology, GroupCosts.Classes classes, int[] gpus) {
        int n = gpus.length;
        if (n == 0) {
            return null;
        }
        int[] ofNode = classes.ofNode();
        int[] leafOfNode = classes.leafOfNode();
        int cap = Math.min(n / 2 + 2, ofNode.length + 1);
        int[] starts = new int[cap + 1];
        int[] nodes = new int[cap];
        int runs = 0;
        int previous = -1;
        int shift = classes.nodeShift();
        for (int r = 0; r < n; r++) {
            int node = shift >= 0 ? gpus[r] >>> shift : topology.nodeOf(gpus[r]);
            if (node != previous) {
                if (runs + 1 >= cap) {
                    return null;
                }
                starts[runs] = r;
                nodes[runs++] = node;
                previous = node;
            }
        }
        starts[runs] = n;
        // Per run: its node met once, of the placement's class; its leaf; the longest run.
        int[] leaves = new int[runs];
        long[] seen = new long[(ofNode.length + 63) >>> 6];
        int kind = ofNode[nodes[0]];
        int maxRun = 0;
        for (int i = 0; i < runs; i++) {
            int node = nodes[i];
            long bit = 1L << node;
            if ((seen[node >>> 6] & bit) != 0 || ofNode[node] != kind) {
                return null;
            }
            seen[node >>> 6] |= bit;
            leaves[i] = leafOfNode[node];
            maxRun = Math.max(maxRun, starts[i + 1] - starts[i]);
        }
        boolean oversubscribed = topology.fabric().oversubscription() > 1.0;
        return new PlacementRuns(starts, leaves, runs, maxRun, oversubscribed);
    }

    /** The run holding {@code rank}, searched from run {@code hint} outwards (lookups mostly move little). */
    private int runAt(int rank, int hint) {
        int h = Math.min(Math.max(hint, 0), runs - 1);
        if (rank >= runStart[h]) {
            if (rank < runStart[h + 1]) {
                return h;
            }
            int lo = h + 1;
            int step = 1;
            while (lo + step < runs && runStart[lo + step] <= rank) {
                lo += step;
                step <<= 1;
            }
            return search(rank, lo, Math.min(runs, lo + step));
        }
        int hi = h;
        int step = 1;
        while (hi - step > 0 && runStart[hi - step] > rank) {
            hi -= step;
            step <<= 1;
        }
        return search(rank, Math.max(0, hi - step), hi);
    }

    /** The run in {@code [lo, hi)} holding {@code rank}: the last whose start is at most {@code rank}. */
    private int search(int rank, int lo, int hi) {
        int a = lo;
        int b = hi - 1;
        while (a < b) {
            int mid = (a + b + 1) >>> 1;
            if (runStart[mid] <= rank) {
                a = mid;
            } else {
                b = mid - 1;
            }
        }
        return a;
    }

    /** Indices of groups of {@code list} such that the slowest of them is the slowest of the list. */
    int[] representatives(GroupList list) {
        if (list instanceof GroupList.Pairs) {
            return pairs((GroupList.Pairs) list);
        }
        GroupList.Strided strided = (GroupList.Strided) list;
        if (strided.stride >= maxRun && strided.groupSize() > 1) {
            return onePerNode(strided);
        }
        Keys keys = new Keys();
        int hint = 0;
        for (int i = 0; i < list.size(); i++) {
            int base = strided.base(i);
            hint = runAt(base, hint);
            keys.note(strided.stride == 1 ? consecutive(base, strided.groupSize(), hint) : counted(strided, base, hint), i);
        }
        return keys.indices();
    }

    /** Groups with one member per node: the first that spans leaves, else any. */
    private int[] onePerNode(GroupList.Strided list) {
        if (!oversubscribed) {
            return new int[] {0};
        }
        int size = list.groupSize();
        int reach = (size - 1) * list.stride;
        int hint = 0;
        for (int i = 0; i < list.size(); i++) {
            int base = list.base(i);
            hint = runAt(base, hint);
            int leaf = runLeaf[hint];
            // Most groups that span leaves already differ at their ends.
            int last = runAt(base + reach, hint);
            if (runLeaf[last] != leaf) {
                return new int[] {i};
            }
            int at = hint;
            for (int j = 1; j < size - 1; j++) {
                at = runAt(base + j * list.stride, at);
                if (runLeaf[at] != leaf) {
                    return new int[] {i};
                }
            }
        }
        return new int[] {0};
    }

    /** The key of ranks {@code base .. base + size - 1} ({@code base} in run {@code first}): the runs they overlap. */
    private long consecutive(int base, int size, int first) {
        int last = base + size - 1;
        int kmin = Integer.MAX_VALUE;
        int kmax = 0;
        boolean spansLeaves = false;
        int run = first;
        for (; run < runs && runStart[run] <= last; run++) {
            int k = Math.min(runStart[run + 1], last + 1) - Math.max(runStart[run], base);
            kmin = Math.min(kmin, k);
            kmax = Math.max(kmax, k);
            spansLeaves |= runLeaf[run] != runLeaf[first];
        }
        return key(kmin, kmax, run - 1 > first, spansLeaves);
    }

    /** The key of the group at {@code base} (in run {@code first}), its members counted run by run (they come in rank order). */
    private long counted(GroupList.Strided list, int base, int first) {
        int run = first;
        int k = 0;
        int kmin = Integer.MAX_VALUE;
        int kmax = 0;
        boolean spansLeaves = false;
        boolean spansNodes = false;
        for (int j = 0; j < list.groupSize(); j++) {
            int rank = base + j * list.stride;
            if (rank >= runStart[run + 1]) {
                kmin = Math.min(kmin, k);
                kmax = Math.max(kmax, k);
                spansNodes = true;
                run = runAt(rank, run);
                spansLeaves |= runLeaf[run] != runLeaf[first];
                k = 0;
            }
            k++;
        }
        return key(Math.min(kmin, k), Math.max(kmax, k), spansNodes, spansLeaves);
    }

    private long key(int kmin, int kmax, boolean spansNodes, boolean spansLeaves) {
        return ((long) kmin << 34) | ((long) kmax << 2) | (spansNodes ? 2 : 0) | (spansLeaves && oversubscribed ? 1 : 0);
    }

    /** Pairs: one of each kind (same rank, same node, same leaf, across leaves); across leaves dominates within a leaf. */
    private int[] pairs(GroupList.Pairs pairs) {
        int[] first = {-1, -1, -1, -1};
        boolean apart = pairs.offset >= maxRun;
        int a = 0;
        int b = 0;
        for (int i = 0; i < pairs.size(); i++) {
            int source = pairs.rank(i, 0);
            int destination = pairs.rank(i, 1);
            a = runAt(source, a);
            b = runAt(destination, b);
            int kind = source == destination ? 0 : a == b ? 1 : !oversubscribed || runLeaf[a] == runLeaf[b] ? 2 : 3;
            if (first[kind] < 0) {
                first[kind] = i;
                // Pairs a run apart are never on one node: the first across leaves is the slowest.
                if (kind == 3 && apart) {
                    break;
                }
            }
        }
        if (first[3] >= 0) {
            first[2] = -1;
        }
        int found = 0;
        for (int f : first) {
            found += f >= 0 ? 1 : 0;
        }
        int[] out = new int[found];
        int n = 0;
        for (int f : first) {
            if (f >= 0) {
                out[n++] = f;
            }
        }
        return out;
    }

    /** Distinct keys met in a list, with the first group of each, in the order met; a set of open slots finds repeats. */
    private static final class Keys {
        private long[] keys = new long[8];
        private int[] groups = new int[8];
        private int n;
        private long last = -1;
        /** Open addressing over the keys met (keys are never negative; -1 marks a free slot). */
        private long[] slots = filled(32);

        void note(long key, int group) {
            if (key == last) {
                return;
            }
            last = key;
            int mask = slots.length - 1;
            int i = slot(key, mask);
            while (slots[i] != -1) {
                if (slots[i] == key) {
                    return;
                }
                i = (i + 1) & mask;
            }
            slots[i] = key;
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, 2 * n);
                groups = Arrays.copyOf(groups, 2 * n);
            }
            keys[n] = key;
            groups[n++] = group;
            if (2 * n > slots.length) {
                slots = filled(2 * slots.length);
                for (int k = 0; k < n; k++) {
                    int j = slot(keys[k], slots.length - 1);
                    while (slots[j] != -1) {
                        j = (j + 1) & (slots.length - 1);
                    }
                    slots[j] = keys[k];
                }
            }
        }

        int[] indices() {
            return Arrays.copyOf(groups, n);
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        private static long[] filled(int size) {
            long[] out = new long[size];
            Arrays.fill(out, -1);
            return out;
        }
    }
}
