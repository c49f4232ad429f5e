package dev.fleetsim.engine.topology;

import dev.fleetsim.engine.pricing.Purchase;

/**
 * A group of identical nodes in a cluster.
 *
 * @param name label used in results and error messages
 * @param gpuType key into the hardware catalogue
 * @param count number of nodes
 * @param gpusPerNode GPUs in one NVLink/NVSwitch domain (one node)
 * @param nicsPerNode scale-out NICs per node
 * @param nicBandwidthBytesPerS line rate of one NIC per direction
 * @param purchase how the group is paid for (and, for spot, that its nodes are reclaimed now and then)
 */
public record NodeGroupSpec(String name, String gpuType, int count, int gpusPerNode, int nicsPerNode,
                            double nicBandwidthBytesPerS, Purchase purchase) {

    /** An on-demand group. */
    public NodeGroupSpec(String name, String gpuType, int count, int gpusPerNode, int nicsPerNode,
                         double nicBandwidthBytesPerS) {
        this(name, gpuType, count, gpusPerNode, nicsPerNode, nicBandwidthBytesPerS, Purchase.ON_DEMAND);
    }

    public NodeGroupSpec withCount(int newCount) {
        return new NodeGroupSpec(name, gpuType, newCount, gpusPerNode, nicsPerNode, nicBandwidthBytesPerS, purchase);
    }
}
