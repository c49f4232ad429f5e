package dev.fleetsim.engine.network.graph;

/** What a vertex of the {@link NetworkGraph} is; vertex ids are grouped by kind in this order. */
public enum VertexKind {
    GPU, NVSWITCH, PCIE_SWITCH, NIC, LEAF, SPINE, SUPER_SPINE
}
