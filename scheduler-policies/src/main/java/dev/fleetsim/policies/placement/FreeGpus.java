package dev.fleetsim.policies.placement;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The free GPUs a placement may use in one round: free in the cluster view and not promised to
 * an earlier job of the same round ({@code taken}). Shared arithmetic of the strategies.
 */
final class FreeGpus {
    private FreeGpus() {
    }

    static int onNode(Topology.Node node, ClusterView cluster, BitSet taken) {
        return cluster.freeGpusOnNode(node.index()) - takenOnNode(node, taken);
    }

    /** Promised GPUs of a node, counted without allocating (this runs for every node of every placement). */
    static int takenOnNode(Topology.Node node, BitSet taken) {
        // A node's own bits, not nextSetBit: that walks every empty word up to the next promised
        // GPU, which may be far beyond this node (a quarter of a 2,048-GPU run's placement time).
        int end = node.firstGpu() + node.gpuCount();
        int n = 0;
        if (!taken.isEmpty()) {
            for (int g = node.firstGpu(); g < end; g++) {
                n += taken.get(g) ? 1 : 0;
            }
        }
        return n;
    }

    static int ofType(String type, ClusterView cluster, BitSet taken) {
        int free = cluster.freeGpusOfType(type);
        Topology topology = cluster.topology();
        for (int g = taken.nextSetBit(0); g >= 0; g = taken.nextSetBit(g + 1)) {
            if (topology.gpuSpecOf(g).name().equals(type)) {
                free--;
            }
        }
        return free;
    }

    /** The nodes of a GPU type with at least one usable GPU, in index order. */
    static List<Topology.Node> nodesOfType(String type, ClusterView cluster, BitSet taken) {
        List<Topology.Node> out = new ArrayList<>();
        List<Topology.Node> nodes = cluster.topology().nodes();
        for (int n = cluster.firstNodeWithFree(type, 1, 0); n >= 0; n = cluster.firstNodeWithFree(type, 1, n + 1)) {
            if (onNode(nodes.get(n), cluster, taken) > 0) {
                out.add(nodes.get(n));
            }
        }
        return out;
    }

    /** Appends up to {@code count} usable GPUs of {@code node}, lowest index first; returns the new fill. */
    static int collect(Topology.Node node, ClusterView cluster, BitSet taken, int[] out, int filled, int count) {
        int end = Math.min(out.length, filled + count);
        for (int g = node.firstGpu(); g < node.firstGpu() + node.gpuCount() && filled < end; g++) {
            if (cluster.isFree(g) && !taken.get(g)) {
                out[filled++] = g;
            }
        }
        return filled;
    }
}
