package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.scenario.Section.Listing;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.pricing.Purchase;
import dev.fleetsim.engine.topology.NodeGroupSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys of the {@code cluster} section: node groups, the fabric and its pod tier. See
 * {@link ScenarioKeys} for how to add one.
 */
final class ClusterKeys {

    /** The most GPUs a cluster may have: ten times the largest built so far. */
    static final int MAX_CLUSTER_GPUS = 10_000_000;
    /** The most nodes a cluster may have. */
    static final int MAX_CLUSTER_NODES = 1_000_000;

    private ClusterKeys() {
    }

    /** {@code cluster}. */
    static final class Cluster {
        static final Section<ClusterSpec> SECTION = Section.of("cluster", "the cluster section", Listing.LABEL);
        static final Key<ClusterSpec, List<NodeGroupSpec>> NODE_GROUPS = SECTION.key("nodeGroups",
                Types.list(NodeGroup.SECTION, "a list of node groups", true)).required()
                .get(ClusterSpec::nodeGroups).doc("nodes in order, group by group; a node is one NVLink/NVSwitch domain");
        static final Key<ClusterSpec, FabricSpec> FABRIC = SECTION.key("fabric", Types.map(Fabric.SECTION))
                .optional("a two-tier leaf-spine fabric, every key at its default").get(ClusterSpec::fabric)
                .doc("leaves under a spine tier, optionally grouped into pods");

        private Cluster() {
        }
    }

    /** {@code cluster.nodeGroups[]}. */
    static final class NodeGroup {
        static final Section<NodeGroupSpec> SECTION = Section.of("nodeGroup", "a node group", Listing.LABEL);
        static final Key<NodeGroupSpec, String> NAME = SECTION.key("name",
                Types.text("a name for the node group, used in results")).required().get(NodeGroupSpec::name)
                .doc("unique among groups");
        static final Key<NodeGroupSpec, String> GPU_TYPE = SECTION.key("gpuType",
                Types.name("a GPU type name", context -> HardwareCatalog.defaults().keySet())).required()
                .get(NodeGroupSpec::gpuType).doc("a shipped type or one defined in hardware");
        static final Key<NodeGroupSpec, Integer> COUNT = SECTION.key("count", Types.integer(1, 1_000_000)).required()
                .get(NodeGroupSpec::count).doc("nodes in the group");
        static final Key<NodeGroupSpec, Integer> GPUS_PER_NODE = SECTION.key("gpusPerNode", Types.integer(1, 1024))
                .required().get(NodeGroupSpec::gpusPerNode).doc("GPUs in one NVLink/NVSwitch domain");
        static final Key<NodeGroupSpec, Integer> NICS_PER_NODE = SECTION.key("nicsPerNode", Types.integer(0, 64))
                .required().get(NodeGroupSpec::nicsPerNode).doc("scale-out NICs; 0 only when the cluster is one node");
        // A node without NICs (a single workstation) needs no NIC bandwidth; any other needs one.
        static final Key<NodeGroupSpec, Double> NIC_BANDWIDTH = SECTION.key("nicBandwidth",
                QuantityTypes.networkBandwidth(1e9 / 8, 100e12 / 8))
                .computed("required (not needed with 0 NICs)").get(NodeGroupSpec::nicBandwidthBytesPerS)
                .doc("line rate of one NIC per direction");
        static final Key<NodeGroupSpec, Purchase> PURCHASE = SECTION.key("purchase", Types.choice(purchases()))
                .byDefault(Purchase.ON_DEMAND).get(NodeGroupSpec::purchase)
                .doc("how the group is paid for: rented on demand, reserved for 1 or 3 years, spot (reclaimed now and then), or owned");

        private NodeGroup() {
        }

        private static Map<String, Purchase> purchases() {
            Map<String, Purchase> m = new TreeMap<>();
            for (Purchase p : Purchase.values()) {
                m.put(p.key(), p);
            }
            return m;
        }
    }

    /**
     * {@code cluster.fabric}. The defaults: four 8-NIC nodes fill the 32 down-links of a 64-port
     * leaf whose other 32 ports go up, so the spine is not oversubscribed; 5 us NIC to NIC through
     * a leaf and 1 us across NVSwitch are typical of InfiniBand/RoCE and NVLink 4.
     */
    static final class Fabric {
        /** Beyond 1000:1 a fabric is no longer a fabric; most are 1:1 to 4:1. */
        static final double MAX_OVERSUBSCRIPTION = 1000;
        /** NIC-to-NIC latency is microseconds; a second is a WAN link or a typo. */
        static final long MAX_LATENCY_NS = dev.fleetsim.engine.hardware.Quantities.MAX_LATENCY_NS;
        static final Section<FabricSpec> SECTION = Section.of("fabric", "the fabric", Listing.PARENS);
        static final Key<FabricSpec, FabricSpec.Kind> KIND = SECTION.key("kind", Types.choice(kinds()))
                .byDefault(FabricSpec.Kind.LEAF_SPINE).get(FabricSpec::kind)
                .doc("leaf-spine: a node's NICs on its leaf; rail-optimised: NIC r of a leaf group on rail leaf r");
        static final Key<FabricSpec, Integer> NODES_PER_LEAF = SECTION.key("nodesPerLeaf", Types.integer(1, 100_000))
                .byDefault(4).get(FabricSpec::nodesPerLeaf).doc("nodes under one leaf (one leaf group when rail-optimised)");
        static final Key<FabricSpec, Double> OVERSUBSCRIPTION = SECTION.key("oversubscription",
                Types.number(1, false, MAX_OVERSUBSCRIPTION, false)).byDefault(1.0).get(FabricSpec::oversubscription)
                .doc("leaf down-link : up-link bandwidth; 1 = full bisection");
        static final Key<FabricSpec, Integer> SPINES = SECTION.key("spines", Types.integer(1, 4096)).byDefault(1)
                .get(FabricSpec::spines).doc("spines per pod, one up-link from each leaf to each, picked by ECMP hash");
        static final Key<FabricSpec, FabricSpec.Pods> PODS = SECTION.key("pods", Types.map(Pods.SECTION))
                .optional("none: two tiers").get(f -> f.pods().orElse(null))
                .doc("a third tier: leaves grouped into pods under super-spines");
        static final Key<FabricSpec, Long> NIC_LATENCY = SECTION.key("nicLatency", QuantityTypes.duration(false, MAX_LATENCY_NS))
                .byDefault(5_000L).get(FabricSpec::nicLatencyNs).doc("NIC to NIC through a leaf");
        static final Key<FabricSpec, Long> NVLINK_LATENCY = SECTION.key("nvlinkLatency", QuantityTypes.duration(false, MAX_LATENCY_NS))
                .byDefault(1_000L).get(FabricSpec::nvlinkLatencyNs).doc("one hop inside a node");

        private Fabric() {
        }

        private static Map<String, FabricSpec.Kind> kinds() {
            Map<String, FabricSpec.Kind> m = new TreeMap<>();
            m.put("leaf-spine", FabricSpec.Kind.LEAF_SPINE);
            m.put("rail-optimised", FabricSpec.Kind.RAIL_OPTIMISED);
            return m;
        }
    }

    /** {@code cluster.fabric.pods}. */
    static final class Pods {
        static final Section<FabricSpec.Pods> SECTION = Section.of("pods", "the pod tier", Listing.PARENS);
        static final Key<FabricSpec.Pods, Integer> NODES_PER_POD = SECTION.key("nodesPerPod", Types.integer(1, 1_000_000))
                .required().get(FabricSpec.Pods::nodesPerPod).doc("nodes in one pod, a multiple of nodesPerLeaf");
        static final Key<FabricSpec.Pods, Double> OVERSUBSCRIPTION = SECTION.key("oversubscription",
                Types.number(1, false, Fabric.MAX_OVERSUBSCRIPTION, false)).byDefault(1.0)
                .get(FabricSpec.Pods::oversubscription).doc("spine down-link : up-link bandwidth");
        static final Key<FabricSpec.Pods, Integer> SUPER_SPINES = SECTION.key("superSpines", Types.integer(1, 4096))
                .byDefault(1).get(FabricSpec.Pods::superSpines).doc("super-spines per plane");

        private Pods() {
        }
    }
}
