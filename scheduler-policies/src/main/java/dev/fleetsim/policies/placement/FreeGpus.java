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
        int end = node.firstGpu() + node.gpuCount();
        int n = 0;
        for (int g = taken.nextSetBit(node.firstGpu()); g >= 0 && g < end; g = taken.nextSetBit(g + 1)) {
            n++;
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
        for (Topology.Node node : cluster.topology().nodes()) {
            if (node.gpu().name().equals(type) && onNode(node, cluster, taken) > 0) {
                out.add(node);
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
