package dev.fleetsim.engine.network.graph;

import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.Topology;

/**
 * The fabric choices a {@link dev.fleetsim.engine.topology.FabricSpec} does not carry: how NICs
 * reach leaves (one shared leaf per group of nodes, or one leaf per rail), how many spines a pod
 * has, and whether leaves are grouped into pods joined by a super-spine tier. Leaf grouping
 * ({@code nodesPerLeaf}), leaf oversubscription and hop latencies stay in {@code FabricSpec}.
 *
 * @param kind leaf-spine (every NIC of a node on the node's leaf) or rail-optimised (NIC r of
 *        every node in a leaf group on the group's rail-r leaf)
 * @param spinesPerPod spine switches in one pod; every leaf of the pod has one up-link to each
 * @param leavesPerPod leaves in one pod; a value at least the leaf count means a single pod and
 *        no super-spine tier
 * @param superSpinesPerPlane super-spines in each of the {@code spinesPerPod} planes; spine s of
 *        every pod connects to every super-spine of plane s
 * @param podOversubscription spine down-link to up-link bandwidth ratio (1 = full bisection)
 * @param pcieLatencyNs latency of one GPU-to-NIC or GPU-to-PCIe-switch hop
 */
public record FabricLayout(Kind kind, int spinesPerPod, int leavesPerPod, int superSpinesPerPlane,
                           double podOversubscription, long pcieLatencyNs) {

    /** How NICs attach to leaves. */
    public enum Kind {
        /** All NICs of a node go to the same leaf (the node's leaf in {@code Topology}). */
        LEAF_SPINE,
        /** NIC r of each node goes to the rail-r leaf of its leaf group. */
        RAIL_OPTIMISED
    }

    /** Default PCIe hop latency: about one PCIe switch traversal plus the root-complex turn. */
    public static final long DEFAULT_PCIE_LATENCY_NS = 500;

    public FabricLayout {
        if (kind == null) {
            throw new IllegalArgumentException("fabric kind is required");
        }
        if (spinesPerPod < 1) {
            throw new IllegalArgumentException("spinesPerPod must be at least 1, was " + spinesPerPod);
        }
        if (leavesPerPod < 1) {
            throw new IllegalArgumentException("leavesPerPod must be at least 1, was " + leavesPerPod);
        }
        if (superSpinesPerPlane < 1) {
            throw new IllegalArgumentException("superSpinesPerPlane must be at least 1, was " + superSpinesPerPlane);
        }
        if (!(podOversubscription >= 1)) {
            throw new IllegalArgumentException("podOversubscription must be at least 1, was " + podOversubscription);
        }
        if (pcieLatencyNs < 0) {
            throw new IllegalArgumentException("pcieLatencyNs must not be negative, was " + pcieLatencyNs);
        }
    }

    /** A single-pod two-tier leaf-spine fabric. */
    public static FabricLayout leafSpine(int spines) {
        return new FabricLayout(Kind.LEAF_SPINE, spines, Integer.MAX_VALUE, 1, 1.0, DEFAULT_PCIE_LATENCY_NS);
    }

    /** A single-pod rail-optimised fabric: one leaf per rail per leaf group, spines above. */
    public static FabricLayout railOptimised(int spines) {
        return new FabricLayout(Kind.RAIL_OPTIMISED, spines, Integer.MAX_VALUE, 1, 1.0, DEFAULT_PCIE_LATENCY_NS);
    }

    /**
     * The layout a scenario's {@link FabricSpec} describes for this topology: its kind and spine
     * count, and pods of {@code nodesPerPod / nodesPerLeaf} leaf groups (times the rail count,
     * the most NICs of any node, on a rail-optimised fabric).
     */
    public static FabricLayout of(Topology topology) {
        FabricSpec f = topology.fabric();
        Kind kind = f.kind() == FabricSpec.Kind.RAIL_OPTIMISED ? Kind.RAIL_OPTIMISED : Kind.LEAF_SPINE;
        FabricLayout layout = new FabricLayout(kind, f.spines(), Integer.MAX_VALUE, 1, 1.0, DEFAULT_PCIE_LATENCY_NS);
        if (f.pods().isEmpty()) {
            return layout;
        }
        FabricSpec.Pods pods = f.pods().get();
        int rails = 1;
        for (Topology.Node n : topology.nodes()) {
            rails = Math.max(rails, n.nics());
        }
        long groups = Math.max(1, pods.nodesPerPod() / Math.max(1, f.nodesPerLeaf()));
        long leaves = kind == Kind.RAIL_OPTIMISED ? groups * rails : groups;
        return layout.withPods((int) Math.min(Integer.MAX_VALUE, leaves), pods.superSpines(), pods.oversubscription());
    }

    /** This layout split into pods of {@code leaves} leaves under a super-spine tier. */
    public FabricLayout withPods(int leaves, int superSpines, double oversubscription) {
        return new FabricLayout(kind, spinesPerPod, leaves, superSpines, oversubscription, pcieLatencyNs);
    }
}
