package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.topology.Topology;

import java.util.List;

/**
 * What a policy may read of the cluster: the topology and which GPUs are free. Read-only, so a
 * policy cannot change allocations except by returning placements the engine checks.
 */
public interface ClusterView {

    Topology topology();

    boolean isFree(int gpu);

    int freeGpuCount();

    int freeGpusOnNode(int node);

    /** Free GPUs of one catalogue type across the cluster. */
    int freeGpusOfType(String gpuType);

    int totalGpusOfType(String gpuType);

    /**
     * The lowest node index at or after {@code fromNode} whose GPUs are of {@code gpuType} and
     * which has at least {@code minFree} (at least 1) free GPUs, or -1 when none has. The
     * engine's view answers from an index in O(log nodes); this default walks the nodes.
     */
    default int firstNodeWithFree(String gpuType, int minFree, int fromNode) {
        int k = Math.max(1, minFree);
        List<Topology.Node> nodes = topology().nodes();
        for (int n = Math.max(0, fromNode); n < nodes.size(); n++) {
            if (freeGpusOnNode(n) >= k && nodes.get(n).gpu().name().equals(gpuType)) {
                return n;
            }
        }
        return -1;
    }
}
