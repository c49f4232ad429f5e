package dev.fleetsim.engine.topology;

import java.util.List;

/** The cluster as written in a scenario: node groups in order, and the fabric joining them. */
public record ClusterSpec(List<NodeGroupSpec> nodeGroups, FabricSpec fabric) {
    public ClusterSpec {
        nodeGroups = List.copyOf(nodeGroups);
    }

    public int totalGpus() {
        return nodeGroups.stream().mapToInt(g -> g.count() * g.gpusPerNode()).sum();
    }
}
