package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes and GPU groups of the last rounds, kept for the whole run so that a round reuses
 * those whose free GPUs did not change instead of building them again: a round between two job
 * arrivals changes the free GPUs of a few nodes, and building a thousand groups per round was
 * the largest part of a small round's cost. Nodes and groups are immutable and equal in every
 * way to new ones, so reusing them changes no result: a node is reused only with the same
 * free-GPU count, a group only when it holds the very same node objects, and a whole list of
 * windows only when it would be built from the very same eligible nodes.
 */
final class GroupCache {
    /** The windows of one node class, GPUs per node and node count. */
    private record Shape(int nodeClass, int gpusPerNode, int nodes) {
    }

    /** The last windows built for one shape: the eligible nodes, the groups, and each group by its first node. */
    private static final class Windows {
        GpuNode[] eligible = new GpuNode[0];
        List<GpuGroup> groups = List.of();
        final GpuGroup[] byStart;

        Windows(int nodeCount) {
            byStart = new GpuGroup[nodeCount];
        }
    }

    private final GpuNode[] nodes;
    private final Map<Shape, Windows> windows = new HashMap<>();
    private GpuNode[] scratch = new GpuNode[0];

    GroupCache(Topology topology) {
        this.nodes = new GpuNode[topology.nodes().size()];
    }

    /** The round's fact for node {@code n} with {@code freeGpus} free: the last one if its free count is the same. */
    GpuNode node(Topology.Node n, int freeGpus) {
        GpuNode kept = nodes[n.index()];
        if (kept != null && kept.freeGpus() == freeGpus) {
            return kept;
        }
        GpuNode fresh = new GpuNode(n.index(), n.leaf(), n.gpu().name(), n.gpuCount(), freeGpus);
        nodes[n.index()] = fresh;
        return fresh;
    }

    /**
     * Runs of {@code k} consecutive nodes of {@code classNodes} (one class, in index order) that
     * each have at least {@code d} free GPUs, {@code d} GPUs taken on each, in order of first node.
     */
    List<GpuGroup> windows(int nodeClass, List<GpuNode> classNodes, int d, int k) {
        Windows w = windows.computeIfAbsent(new Shape(nodeClass, d, k), s -> new Windows(nodes.length));
        if (scratch.length < classNodes.size()) {
            scratch = new GpuNode[nodes.length];
        }
        int eligible = 0;
        for (GpuNode n : classNodes) {
            if (n.freeGpus() >= d) {
                scratch[eligible++] = n;
            }
        }
        if (sameNodes(w.eligible, 0, scratch, 0, eligible) && w.eligible.length == eligible) {
            return w.groups;
        }
        List<GpuGroup> groups = new ArrayList<>(Math.max(0, eligible - k + 1));
        for (int i = 0; i + k <= eligible; i++) {
            int start = scratch[i].index();
            GpuGroup kept = w.byStart[start];
            if (kept == null || kept.nodeCount() != k || !sameShares(kept, scratch, i)) {
                kept = GpuGroup.of(Arrays.asList(Arrays.copyOfRange(scratch, i, i + k)), d);
                w.byStart[start] = kept;
            }
            groups.add(kept);
        }
        w.eligible = Arrays.copyOf(scratch, eligible);
        w.groups = Collections.unmodifiableList(groups);
        return w.groups;
    }

    private static boolean sameNodes(GpuNode[] a, int fromA, GpuNode[] b, int fromB, int count) {
        if (a.length - fromA < count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (a[fromA + i] != b[fromB + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameShares(GpuGroup g, GpuNode[] members, int from) {
        List<NodeShare> shares = g.shares();
        for (int i = 0; i < shares.size(); i++) {
            if (shares.get(i).node() != members[from + i]) {
                return false;
            }
        }
        return true;
    }
}
