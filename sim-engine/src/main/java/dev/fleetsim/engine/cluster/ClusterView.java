package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.topology.Topology;

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
}
