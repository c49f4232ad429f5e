package dev.fleetsim.engine.topology;

import java.util.Optional;

/**
 * The scale-out fabric: leaves under a spine tier, optionally grouped into pods under a
 * super-spine tier.
 *
 * @param nodesPerLeaf nodes attached to one leaf switch (one leaf group on a rail-optimised fabric)
 * @param oversubscription leaf down-link to up-link bandwidth ratio (1 = full bisection)
 * @param nicLatencyNs one hop latency across the fabric (NIC to NIC through a leaf)
 * @param nvlinkLatencyNs one hop latency inside an NVLink domain
 * @param kind how NICs attach to leaves
 * @param spines spine switches per pod; each leaf has one up-link to each, flows pick one by ECMP
 *        hash. 1 models the spine tier as one aggregate switch (perfect load balancing)
 * @param pods the third tier, when the fabric has one
 */
public record FabricSpec(int nodesPerLeaf, double oversubscription, long nicLatencyNs, long nvlinkLatencyNs,
                         Kind kind, int spines, Optional<Pods> pods) {

    /** How NICs attach to leaves. */
    public enum Kind {
        /** Every NIC of a node goes to the node's leaf. */
        LEAF_SPINE,
        /** NIC r of every node of a leaf group goes to the group's rail-r leaf. */
        RAIL_OPTIMISED
    }

    /**
     * Pods: groups of leaves whose spines connect to a super-spine tier.
     *
     * @param nodesPerPod nodes in one pod, a multiple of {@code nodesPerLeaf}
     * @param oversubscription spine down-link to up-link bandwidth ratio
     * @param superSpines super-spines in each spine plane (spine s of every pod joins plane s)
     */
    public record Pods(int nodesPerPod, double oversubscription, int superSpines) {
    }

    public FabricSpec {
        pods = pods == null ? Optional.empty() : pods;
    }

    /** A two-tier leaf-spine fabric whose spine tier is one aggregate switch. */
    public FabricSpec(int nodesPerLeaf, double oversubscription, long nicLatencyNs, long nvlinkLatencyNs) {
        this(nodesPerLeaf, oversubscription, nicLatencyNs, nvlinkLatencyNs, Kind.LEAF_SPINE, 1, Optional.empty());
    }

    /** This fabric with another kind and spine count. */
    public FabricSpec withTiers(Kind newKind, int newSpines, Optional<Pods> newPods) {
        return new FabricSpec(nodesPerLeaf, oversubscription, nicLatencyNs, nvlinkLatencyNs, newKind, newSpines, newPods);
    }
}
