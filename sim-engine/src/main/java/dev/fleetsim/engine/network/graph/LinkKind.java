package dev.fleetsim.engine.network.graph;

/**
 * What a directed link of the {@link NetworkGraph} is. Each physical full-duplex cable is two
 * links, one per direction, each with its own capacity.
 */
public enum LinkKind {
    /** GPU to or from its node's NVSwitch (per-GPU NVLink bandwidth). */
    NVLINK,
    /** GPU to or from its node's PCIe switch (GPUs without NVLink talk through it). */
    PCIE,
    /** GPU to or from its NIC over PCIe (GPUDirect RDMA). */
    GPU_NIC,
    /** NIC to or from its leaf. */
    NIC_LEAF,
    /** Leaf to or from a spine. */
    LEAF_SPINE,
    /** Spine to or from a super-spine. */
    SPINE_SUPER
}
