package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code cluster} section: node groups, each of one GPU type from the resolved
 * hardware catalogue, and the leaf/spine fabric, which has defaults when omitted (see
 * {@link #DEFAULT_FABRIC}).
 */
final class ClusterReader {

    static final List<String> CLUSTER_KEYS = List.of("nodeGroups", "fabric");
    static final List<String> GROUP_KEYS = List.of("name", "gpuType", "count", "gpusPerNode", "nicsPerNode",
            "nicBandwidth");
    static final List<String> FABRIC_KEYS = List.of("kind", "nodesPerLeaf", "oversubscription", "spines", "pods",
            "nicLatency", "nvlinkLatency");
    static final List<String> POD_KEYS = List.of("nodesPerPod", "oversubscription", "superSpines");
    /** Fabric kinds as written in a file. */
    static final Map<String, FabricSpec.Kind> FABRIC_KINDS = Map.of("leaf-spine", FabricSpec.Kind.LEAF_SPINE,
            "rail-optimised", FabricSpec.Kind.RAIL_OPTIMISED);

    /**
     * Four 8-NIC nodes fill the 32 down-links of a 64-port leaf whose other 32 ports go up, so
     * the spine is not oversubscribed; 5 us NIC-to-NIC through a leaf and 1 us across NVSwitch
     * are typical of InfiniBand/RoCE and NVLink 4.
     */
    static final FabricSpec DEFAULT_FABRIC = new FabricSpec(4, 1.0, 5_000, 1_000);

    private ClusterReader() {
    }

    /** The cluster, or null when anything in the section is wrong (reported). */
    static ClusterSpec read(Cursor c, Map<String, GpuSpec> hardware) {
        int mark = c.mark();
        if (!c.present()) {
            c.problem(c.found(), "a cluster section with nodeGroups");
            return null;
        }
        if (!c.map(CLUSTER_KEYS, "the cluster section")) {
            return null;
        }
        List<NodeGroupSpec> groups = new ArrayList<>();
        Cursor list = c.field("nodeGroups");
        if (!list.present()) {
            list.problem(list.found(), "a list of node groups (name, gpuType, count, gpusPerNode, nicsPerNode, nicBandwidth)");
        } else {
            List<Cursor> items = list.list("a list of node groups");
            if (items.isEmpty() && list.node().isArray()) {
                list.problem("an empty list", "at least one node group");
            }
            Set<String> names = new HashSet<>();
            for (Cursor item : items) {
                NodeGroupSpec group = readGroup(item, hardware);
                if (group != null) {
                    if (!names.add(group.name())) {
                        item.field("name").problem(item.field("name").found(), "a name no other node group has");
                    }
                    groups.add(group);
                }
            }
            checkNics(items, groups);
        }
        FabricSpec fabric = readFabric(c.field("fabric"));
        return c.cleanSince(mark) ? new ClusterSpec(groups, fabric) : null;
    }

    private static NodeGroupSpec readGroup(Cursor c, Map<String, GpuSpec> hardware) {
        int mark = c.mark();
        if (!c.map(GROUP_KEYS, "a node group")) {
            return null;
        }
        String name = c.requiredString("name", "a name for the node group, used in results");
        String gpuType = c.requiredString("gpuType", "one of " + String.join(", ", hardware.keySet()));
        if (gpuType != null && !hardware.containsKey(gpuType)) {
            c.field("gpuType").problem(c.field("gpuType").found(),
                    "a GPU type of the catalogue or the hardware section: " + Suggestions.oneOf(gpuType, hardware.keySet()));
        }
        Integer count = c.intValue("count", null, 1, 1_000_000);
        Integer gpusPerNode = c.intValue("gpusPerNode", null, 1, 1024);
        Integer nicsPerNode = c.intValue("nicsPerNode", null, 0, 64);
        // A node without NICs (a single workstation) needs no NIC bandwidth; any other needs one.
        boolean hasNics = nicsPerNode == null || nicsPerNode > 0;
        Double nicBandwidth = c.quantity("nicBandwidth", hasNics ? null : 0.0, Units::bandwidthBytesPerS,
                Units.BANDWIDTH_UNITS, hasNics);
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new NodeGroupSpec(name, gpuType, count, gpusPerNode, nicsPerNode, nicBandwidth);
    }

    /** Nodes without NICs are only valid when the cluster is that one node. */
    private static void checkNics(List<Cursor> items, List<NodeGroupSpec> groups) {
        if (groups.size() != items.size()) {
            return;
        }
        int nodes = groups.stream().mapToInt(NodeGroupSpec::count).sum();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).nicsPerNode() == 0 && nodes > 1) {
                Cursor nics = items.get(i).field("nicsPerNode");
                nics.problem(nics.found(), "at least 1: the cluster has " + nodes + " nodes, which talk over NICs");
            }
        }
    }

    private static FabricSpec readFabric(Cursor c) {
        if (!c.present()) {
            return DEFAULT_FABRIC;
        }
        int mark = c.mark();
        if (!c.map(FABRIC_KEYS, "the fabric (" + String.join(", ", FABRIC_KEYS) + ")")) {
            return null;
        }
        FabricSpec.Kind kind = c.choice("kind", FabricSpec.Kind.LEAF_SPINE, new java.util.TreeMap<>(FABRIC_KINDS));
        Integer spines = c.intValue("spines", 1, 1, 4096);
        Integer nodesPerLeaf = c.intValue("nodesPerLeaf", DEFAULT_FABRIC.nodesPerLeaf(), 1, 100_000);
        Double oversubscription = c.number("oversubscription", DEFAULT_FABRIC.oversubscription(), 1, false,
                Double.POSITIVE_INFINITY, false);
        Long nicLatency = c.quantity("nicLatency", DEFAULT_FABRIC.nicLatencyNs(), Units::durationNs,
                Units.DURATION_UNITS, false);
        Long nvlinkLatency = c.quantity("nvlinkLatency", DEFAULT_FABRIC.nvlinkLatencyNs(), Units::durationNs,
                Units.DURATION_UNITS, false);
        Optional<FabricSpec.Pods> pods = readPods(c.field("pods"), nodesPerLeaf);
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new FabricSpec(nodesPerLeaf, oversubscription, nicLatency, nvlinkLatency, kind, spines, pods);
    }

    /** The optional third tier; its pod size must be whole leaf groups. */
    private static Optional<FabricSpec.Pods> readPods(Cursor c, Integer nodesPerLeaf) {
        if (!c.present()) {
            return Optional.empty();
        }
        int mark = c.mark();
        if (!c.map(POD_KEYS, "the pod tier (" + String.join(", ", POD_KEYS) + ")")) {
            return Optional.empty();
        }
        Integer nodesPerPod = c.intValue("nodesPerPod", null, 1, 1_000_000);
        Double oversubscription = c.number("oversubscription", 1.0, 1, false, Double.POSITIVE_INFINITY, false);
        Integer superSpines = c.intValue("superSpines", 1, 1, 4096);
        if (nodesPerPod != null && nodesPerLeaf != null && nodesPerPod % nodesPerLeaf != 0) {
            Cursor n = c.field("nodesPerPod");
            n.problem(n.found(), "a multiple of fabric.nodesPerLeaf (" + nodesPerLeaf + "): a pod holds whole leaves");
        }
        return c.cleanSince(mark) ? Optional.of(new FabricSpec.Pods(nodesPerPod, oversubscription, superSpines))
                : Optional.empty();
    }
}
