package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.topology.Topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Free GPUs per node, indexed by GPU type for "the first node from here with at least k free
 * GPUs": one max-tree per type over that type's nodes in index order, so first-fit placement
 * on 100,000 GPUs asks O(log nodes) instead of walking every node from node 0 with a string
 * compare each. Kept by {@link ClusterState} in step with every allocation.
 */
final class FreeNodeIndex {
    private final Map<String, TypeTree> byType = new HashMap<>();
    private final TypeTree[] treeOfNode;
    private final int[] slotOfNode;
    /**
     * The type asked for last with its tree (one object, so a reader on another thread never pairs
     * one type with another's tree): a run asks for one or a few types, so most calls skip the map.
     */
    private Last last = new Last(null, null);

    private record Last(String type, TypeTree tree) {
    }

    FreeNodeIndex(Topology topology) {
        Map<String, int[]> counts = new HashMap<>();
        for (Topology.Node n : topology.nodes()) {
            counts.computeIfAbsent(n.gpu().name(), k -> new int[1])[0]++;
        }
        treeOfNode = new TypeTree[topology.nodeCount()];
        slotOfNode = new int[topology.nodeCount()];
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            byType.put(e.getKey(), new TypeTree(e.getValue()[0]));
        }
        List<Topology.Node> nodes = topology.nodes();
        for (Topology.Node n : nodes) {
            TypeTree t = byType.get(n.gpu().name());
            int slot = t.size++;
            t.nodes[slot] = n.index();
            treeOfNode[n.index()] = t;
            slotOfNode[n.index()] = slot;
            t.set(slot, n.gpuCount());
        }
    }

    void set(int node, int free) {
        treeOfNode[node].set(slotOfNode[node], free);
    }

    /** The lowest node index ≥ {@code fromNode} of {@code gpuType} with at least {@code minFree} free GPUs, or -1. */
    int first(String gpuType, int minFree, int fromNode) {
        Last l = last;
        TypeTree t;
        if (gpuType == l.type()) {
            t = l.tree();
        } else {
            t = byType.get(gpuType);
            last = new Last(gpuType, t);
        }
        if (t == null) {
            return -1;
        }
        int from = Arrays.binarySearch(t.nodes, 0, t.size, fromNode);
        int slot = t.first(from >= 0 ? from : -from - 1, minFree);
        return slot < 0 ? -1 : t.nodes[slot];
    }

    /** A max-tree over the free counts of one type's nodes; leaves from {@code leaves}, padding holds -1. */
    private static final class TypeTree {
        final int[] nodes;
        final int leaves;
        final int[] max;
        int size;

        TypeTree(int count) {
            nodes = new int[count];
            leaves = Integer.highestOneBit(Math.max(1, count - 1)) << 1;
            max = new int[2 * leaves];
            Arrays.fill(max, -1);
        }

        void set(int slot, int free) {
            int i = leaves + slot;
            max[i] = free;
            for (i >>>= 1; i >= 1; i >>>= 1) {
                int m = Math.max(max[2 * i], max[2 * i + 1]);
                if (max[i] == m) {
                    break;
                }
                max[i] = m;
            }
        }

        /** The first slot ≥ {@code from} whose value is ≥ {@code k}, or -1. */
        int first(int from, int k) {
            if (from >= size) {
                return -1;
            }
            int i = leaves + from;
            if (max[i] >= k) {
                return from;
            }
            // climb until a right sibling subtree holds a value ≥ k, then descend into it
            while (true) {
                if ((i & 1) == 0 && max[i + 1] >= k) {
                    i++;
                    break;
                }
                i >>>= 1;
                if (i <= 1) {
                    return -1;
                }
            }
            while (i < leaves) {
                i = max[2 * i] >= k ? 2 * i : 2 * i + 1;
            }
            return i - leaves;
        }
    }
}
