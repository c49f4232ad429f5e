package dev.fleetsim.engine.topology;

/**
 * The scale-out fabric: a two-level leaf/spine tree.
 *
 * @param nodesPerLeaf nodes attached to one leaf switch
 * @param oversubscription leaf down-link to up-link bandwidth ratio (1 = full bisection)
 * @param nicLatencyNs one hop latency across the fabric (NIC to NIC through a leaf)
 * @param nvlinkLatencyNs one hop latency inside an NVLink domain
 */
public record FabricSpec(int nodesPerLeaf, double oversubscription, long nicLatencyNs, long nvlinkLatencyNs) {
}
