package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Costs the collectives of one estimate, each on all its concurrent groups, without costing
 * every group when the analytic model is used. The analytic time of a group depends only on the
 * kind of each node it touches (GPU type, GPUs, NICs and their rate), how many members each node
 * holds and whether the group spans leaves; groups alike in these cost the same, so one
 * representative of each kind is costed and the worst taken.
 * <p>
 * Finding the kinds is the work. On a <em>block placement</em> (every node of the placement
 * given whole, its GPUs on consecutive ranks, all nodes of one kind, each leaf's nodes on
 * consecutive ranks; what a scheduler handing out whole nodes produces) rank {@code r} lies on
 * block {@code r / gpusPerNode}, so the members per node of a strided group follow from its first
 * rank modulo the node size, and whether it spans leaves from its first and last block: O(1) per
 * group and O(nodes) for pipeline pairs, instead of O(members). A fragmented placement whose
 * nodes each hold one run of ranks, all of one kind, goes through {@link PlacementRuns}
 * (O(groups + runs) for consecutive groups, usually O(1) for groups and pairs a node apart). Other
 * placements fall back to a signature per group (runs of members per node kind, leaf span),
 * O(members) per group. Any
 * other collective model (the flow model costs concurrent groups together) is asked directly.
 * One instance per estimate; not thread-safe.
 */
final class GroupCosts {

    private static volatile Classes lastClasses;

    private final CollectiveModel model;
    private final Topology topology;
    private final boolean analytic;
    private final Map<GroupList, int[]> representatives = new IdentityHashMap<>();
    private int[] blocksOf;
    private Blocks blocks;
    private int[] runsOf;
    private PlacementRuns runs;

    private GroupCosts(CollectiveModel model, Topology topology) {
        this.model = model;
        this.topology = topology;
        this.analytic = model instanceof AnalyticCollectiveModel;
    }

    static GroupCosts of(CollectiveModel model, Topology topology) {
        return new GroupCosts(model, topology);
    }

    /** One occurrence of {@code kind} of {@code bytes} on all {@code groups} at once: the slowest group's time. */
    double seconds(CollectiveKind kind, List<int[]> groups, long bytes) {
        if (!analytic || !(groups instanceof GroupList)) {
            return model.seconds(kind, groups, bytes);
        }
        GroupList list = (GroupList) groups;
        int size = list.groupSize();
        if (size < 2 || bytes <= 0 || list.isEmpty()) {
            return 0.0;
        }
        int[] reps = representatives.computeIfAbsent(list, this::representatives);
        int[] buffer = new int[size];
        double worst = 0.0;
        for (int rep : reps) {
            list.fill(rep, buffer);
            worst = Math.max(worst, model.seconds(kind, buffer, bytes));
        }
        return worst;
    }

    /** Indices of groups of {@code list} such that the slowest of them is as slow as the slowest group of the list. */
    private int[] representatives(GroupList list) {
        Blocks b = blocks(list.gpus);
        if (b != null) {
            if (list instanceof GroupList.Pairs) {
                GroupList.Pairs pairs = (GroupList.Pairs) list;
                return pairs.offset > 0 ? offsetPairs(b, pairs) : pairs(b, pairs);
            }
            if (list instanceof GroupList.Strided && b.leafRunEnd != null) {
                return strided(b, (GroupList.Strided) list);
            }
        }
        PlacementRuns r = runs(list.gpus);
        return r != null ? r.representatives(list) : bySignature(list);
    }

    private PlacementRuns runs(int[] gpus) {
        if (gpus != runsOf) {
            runsOf = gpus;
            runs = PlacementRuns.of(topology, classes(topology), gpus);
        }
        return runs;
    }

    /**
     * Strided groups on a block placement: kind = (members per node, spans leaves). The members per
     * node follow from the first rank modulo the node size; residues with the same runs share a kind.
     */
    private static int[] strided(Blocks b, GroupList.Strided list) {
        int g = b.perNode;
        int size = list.groupSize();
        int reach = (size - 1) * list.stride;
        if (list.tiles && g % size == 0) {
            // Runs of `size` consecutive ranks, a whole number of them per node: all alike, none leaves its node.
            return new int[] {0};
        }
        int[] canonical = new int[g];
        Arrays.fill(canonical, -1);
        List<int[]> runs = new ArrayList<>();
        int[] first = new int[2 * g];
        Arrays.fill(first, -1);
        int found = 0;
        for (int i = 0; i < list.size(); i++) {
            int rank = list.base(i);
            int residue = rank % g;
            int kind = canonical[residue];
            if (kind < 0) {
                kind = canonical(runs, runsOf(residue, size, list.stride, g));
                canonical[residue] = kind;
            }
            int firstBlock = rank / g;
            int lastBlock = (rank + reach) / g;
            int key = kind * 2 + (lastBlock > b.leafRunEnd[firstBlock] ? 1 : 0);
            if (first[key] < 0) {
                first[key] = i;
                found++;
            }
        }
        return compact(first, found);
    }

    /** Members per node, node by node, of a group starting at {@code residue} of its node. */
    private static int[] runsOf(int residue, int size, int stride, int g) {
        if (stride % g == 0) {
            return new int[] {-1}; // one member on each of `size` nodes, whatever the residue
        }
        int[] out = new int[size];
        int n = 0;
        int block = -1;
        for (int j = 0; j < size; j++) {
            int at = (residue + j * stride) / g;
            if (at != block) {
                block = at;
                n++;
            }
            out[n - 1]++;
        }
        return Arrays.copyOf(out, n);
    }

    private static int canonical(List<int[]> runs, int[] pattern) {
        for (int k = 0; k < runs.size(); k++) {
            if (Arrays.equals(runs.get(k), pattern)) {
                return k;
            }
        }
        runs.add(pattern);
        return runs.size() - 1;
    }

    /** Pairs {i, i + offset} on a block placement, scanned by block: kind = same node, same leaf or across leaves. */
    private static int[] offsetPairs(Blocks b, GroupList.Pairs pairs) {
        int g = b.perNode;
        int count = pairs.size();
        int blockStep = pairs.offset / g;
        int carry = pairs.offset % g;
        int[] first = {-1, -1, -1};
        int found = 0;
        for (int block = 0; (long) block * g < count && found < 3; block++) {
            // Ranks of this block below g - carry reach block + blockStep, the others one block further.
            int i = block * g;
            found += note(first, b, i, block, block + blockStep);
            if (carry != 0 && i + g - carry < count) {
                found += note(first, b, i + g - carry, block, block + blockStep + 1);
            }
        }
        return compact(first, found);
    }

    /** Any pairs on a block placement: kind = same rank, same node, same leaf or across leaves. */
    private static int[] pairs(Blocks b, GroupList.Pairs pairs) {
        int g = b.perNode;
        int[] first = {-1, -1, -1, -1};
        int found = 0;
        for (int i = 0; i < pairs.size() && found < 4; i++) {
            int source = pairs.rank(i, 0);
            int destination = pairs.rank(i, 1);
            if (source == destination) {
                if (first[3] < 0) {
                    first[3] = i;
                    found++;
                }
            } else {
                found += note(first, b, i, source / g, destination / g);
            }
        }
        return compact(first, found);
    }

    private static int note(int[] first, Blocks b, int index, int sourceBlock, int destinationBlock) {
        int kind = sourceBlock == destinationBlock ? 0 : b.leaf[sourceBlock] == b.leaf[destinationBlock] ? 1 : 2;
        if (first[kind] >= 0) {
            return 0;
        }
        first[kind] = index;
        return 1;
    }

    private static int[] compact(int[] first, int found) {
        int[] out = new int[found];
        int n = 0;
        for (int f : first) {
            if (f >= 0) {
                out[n++] = f;
            }
        }
        return out;
    }

    /** Any placement: one representative per signature, every group whose members revisit a node on its own. */
    private int[] bySignature(GroupList list) {
        Classes classes = classes(topology);
        int[] buffer = new int[list.groupSize()];
        Map<Long, Integer> seen = new HashMap<>();
        int[] out = new int[8];
        int n = 0;
        long lastSignature = SCATTERED;
        for (int i = 0; i < list.size(); i++) {
            list.fill(i, buffer);
            long signature = signature(topology, classes, buffer);
            if (signature != SCATTERED) {
                // Neighbouring groups usually look alike: skip the map (and its boxing).
                if (signature == lastSignature || seen.putIfAbsent(signature, i) != null) {
                    continue;
                }
                lastSignature = signature;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
            }
            out[n++] = i;
        }
        return Arrays.copyOf(out, n);
    }

    private static final long SCATTERED = Long.MIN_VALUE;

    /** A 64-bit mix of the runs (node class, members) in order and the leaf span; SCATTERED when a node recurs. */
    private static long signature(Topology topology, Classes classes, int[] group) {
        long h = 0x9E3779B97F4A7C15L;
        int previousNode = -1;
        int run = 0;
        int firstLeaf = -1;
        boolean spansLeaves = false;
        int highestNode = -1;
        for (int gpu : group) {
            int node = topology.nodeOf(gpu);
            if (node != previousNode) {
                if (previousNode >= 0) {
                    h = mix(h, ((long) classes.ofNode[previousNode] << 32) | run);
                }
                if (node <= highestNode) {
                    return SCATTERED;
                }
                highestNode = node;
                int leaf = classes.leafOfNode[node];
                if (firstLeaf < 0) {
                    firstLeaf = leaf;
                } else if (leaf != firstLeaf) {
                    spansLeaves = true;
                }
                previousNode = node;
                run = 0;
            }
            run++;
        }
        h = mix(h, ((long) classes.ofNode[previousNode] << 32) | run);
        return mix(h, spansLeaves ? 1 : 0);
    }

    private static long mix(long h, long v) {
        long z = h ^ (v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The placement as whole nodes: {@code leaf[b]} of block {@code b} (ranks {@code b·perNode} on),
     * {@code leafRunEnd[b]} the last block of the run of blocks on {@code b}'s leaf (null when a
     * leaf's blocks are not consecutive).
     */
    record Blocks(int perNode, int[] leaf, int[] leafRunEnd) {
    }

    private Blocks blocks(int[] gpus) {
        if (gpus != blocksOf) {
            blocksOf = gpus;
            blocks = blocks(topology, classes(topology), gpus);
        }
        return blocks;
    }

    /** The block view of {@code gpus}, or null when it is not a block placement. */
    static Blocks blocks(Topology topology, Classes classes, int[] gpus) {
        if (gpus.length == 0) {
            return null;
        }
        Topology.Node firstNode = topology.nodeOfGpu(gpus[0]);
        int g = firstNode.gpuCount();
        if (gpus.length % g != 0) {
            return null;
        }
        int kind = classes.ofNode[firstNode.index()];
        int count = gpus.length / g;
        int[] leaf = new int[count];
        boolean[] used = new boolean[topology.nodeCount()];
        for (int b = 0; b < count; b++) {
            int base = b * g;
            int node = topology.nodeOf(gpus[base]);
            if (used[node] || classes.ofNode[node] != kind || !wholeNode(topology, gpus, base, g, node)) {
                return null;
            }
            used[node] = true;
            leaf[b] = classes.leafOfNode[node];
        }
        int[] runEnd = new int[count];
        boolean[] leafSeen = new boolean[topology.leafCount()];
        for (int b = count - 1; b >= 0; b--) {
            if (b < count - 1 && leaf[b] == leaf[b + 1]) {
                runEnd[b] = runEnd[b + 1];
                continue;
            }
            if (leaf[b] < 0 || leaf[b] >= leafSeen.length || leafSeen[leaf[b]]) {
                return new Blocks(g, leaf, null);
            }
            leafSeen[leaf[b]] = true;
            runEnd[b] = b;
        }
        return new Blocks(g, leaf, runEnd);
    }

    /** Whether ranks {@code base .. base + g} are all on {@code node}: its GPUs in order, or else looked up one by one. */
    private static boolean wholeNode(Topology topology, int[] gpus, int base, int g, int node) {
        int start = gpus[base];
        boolean inOrder = true;
        for (int k = 1; k < g; k++) {
            inOrder &= gpus[base + k] == start + k;
        }
        if (inOrder && topology.nodeOf(start + g - 1) == node) {
            return true; // a node's GPU ids are consecutive, so start .. start + g - 1 on one node are all of it
        }
        for (int k = 1; k < g; k++) {
            if (topology.nodeOf(gpus[base + k]) != node) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per node: a class id (equal for nodes the analytic model cannot tell apart) and its leaf; and
     * {@code nodeShift}, log2 of the GPUs per node when every node has the same power of two (then
     * GPU {@code g} is on node {@code g >>> nodeShift}, no lookup), else -1.
     */
    record Classes(Topology topology, int[] ofNode, int[] leafOfNode, int nodeShift) {
    }

    static Classes classes(Topology topology) {
        Classes c = lastClasses;
        if (c != null && c.topology() == topology) {
            return c;
        }
        int n = topology.nodeCount();
        int[] ofNode = new int[n];
        int[] leaf = new int[n];
        Map<List<Object>, Integer> ids = new HashMap<>();
        int perNode = n == 0 ? 0 : topology.node(0).gpuCount();
        boolean uniform = Integer.bitCount(perNode) == 1;
        for (int i = 0; i < n; i++) {
            Topology.Node node = topology.node(i);
            uniform &= node.gpuCount() == perNode;
            List<Object> key = List.of(node.gpu(), node.gpuCount(), node.nics(), node.nicBandwidthBytesPerS());
            ofNode[i] = ids.computeIfAbsent(key, k -> ids.size());
            leaf[i] = node.leaf();
        }
        c = new Classes(topology, ofNode, leaf, uniform ? Integer.numberOfTrailingZeros(perNode) : -1);
        lastClasses = c;
        return c;
    }
}
