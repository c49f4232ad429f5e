package dev.fleetsim.engine.topology;

/**
 * A group of identical nodes in a cluster.
 *
 * @param name label used in results and error messages
 * @param gpuType key into the hardware catalogue
 * @param count number of nodes
 * @param gpusPerNode GPUs in one NVLink/NVSwitch domain (one node)
 * @param nicsPerNode scale-out NICs per node
 * @param nicBandwidthBytesPerS line rate of one NIC per direction
 */
public record NodeGroupSpec(String name, String gpuType, int count, int gpusPerNode, int nicsPerNode,
                            double nicBandwidthBytesPerS) {
}
