package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.scenario.ClusterKeys.Cluster;
import dev.fleetsim.engine.scenario.ClusterKeys.Fabric;
import dev.fleetsim.engine.scenario.ClusterKeys.NodeGroup;
import dev.fleetsim.engine.scenario.ClusterKeys.Pods;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.pricing.Purchase;

import java.util.ArrayList;
import java.util.HashSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code cluster} section ({@link ClusterKeys}): node groups, each of one GPU type from
 * the resolved hardware catalogue, and the leaf/spine fabric, whose keys all have defaults.
 */
final class ClusterReader {

    private ClusterReader() {
    }

    /** The fabric a cluster without one gets: every key at its declared default. */
    static FabricSpec defaultFabric() {
        return readFabric(Cursor.absent());
    }

    /** The cluster, or null when anything in the section is wrong (reported). */
    static ClusterSpec read(Cursor c, Map<String, GpuSpec> hardware) {
        int mark = c.mark();
        if (!c.present()) {
            c.problem(c.found(), "a cluster section with nodeGroups");
            return null;
        }
        if (!c.map(Cluster.SECTION)) {
            return null;
        }
        List<NodeGroupSpec> groups = new ArrayList<>();
        Cursor list = Cluster.NODE_GROUPS.at(c);
        if (!list.present()) {
            list.problem(list.found(), "a list of node groups (" + NodeGroup.SECTION.keyList() + ")");
        } else {
            List<Cursor> items = list.list(Cluster.NODE_GROUPS.type().allowed());
            if (items.isEmpty() && list.node().isArray()) {
                list.problem("an empty list", "at least one node group");
            }
            Set<String> names = new HashSet<>();
            for (Cursor item : items) {
                NodeGroupSpec group = readGroup(item, hardware);
                if (group != null) {
                    if (!names.add(group.name())) {
                        Cursor name = NodeGroup.NAME.at(item);
                        name.problem(name.found(), "a name no other node group has");
                    }
                    groups.add(group);
                }
            }
            checkSize(list, items, groups);
            checkNics(items, groups);
        }
        FabricSpec fabric = readFabric(Cluster.FABRIC.at(c));
        return c.cleanSince(mark) ? new ClusterSpec(groups, fabric) : null;
    }

    private static NodeGroupSpec readGroup(Cursor c, Map<String, GpuSpec> hardware) {
        int mark = c.mark();
        if (!c.map(NodeGroup.SECTION)) {
            return null;
        }
        String name = NodeGroup.NAME.read(c);
        // The catalogue is the file's own (shipped types plus its hardware section), so the list is too.
        String gpuType = c.requiredString(NodeGroup.GPU_TYPE.name(), "one of " + String.join(", ", hardware.keySet()));
        if (gpuType != null && !hardware.containsKey(gpuType)) {
            Cursor at = NodeGroup.GPU_TYPE.at(c);
            at.problem(at.found(), "a GPU type of the catalogue or the hardware section: "
                    + Suggestions.oneOf(gpuType, hardware.keySet()));
        }
        Integer count = NodeGroup.COUNT.read(c);
        Integer gpusPerNode = NodeGroup.GPUS_PER_NODE.read(c);
        Integer nicsPerNode = NodeGroup.NICS_PER_NODE.read(c);
        boolean hasNics = nicsPerNode == null || nicsPerNode > 0;
        // Without NICs the bandwidth is not needed, and "0 b/s" (what the writer writes then) is valid.
        Double nicBandwidth = hasNics ? NodeGroup.NIC_BANDWIDTH.read(c, null)
                : c.quantity(NodeGroup.NIC_BANDWIDTH.name(), 0.0, Units::bandwidthBytesPerS, Units.BANDWIDTH_UNITS, false);
        Purchase purchase = NodeGroup.PURCHASE.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new NodeGroupSpec(name, gpuType, count, gpusPerNode, nicsPerNode, nicBandwidth, purchase);
    }

    /** The whole cluster within the bounds a run is built for; counted in {@code long}, so no sum wraps. */
    private static void checkSize(Cursor list, List<Cursor> items, List<NodeGroupSpec> groups) {
        if (groups.size() != items.size()) {
            return;
        }
        long nodes = groups.stream().mapToLong(NodeGroupSpec::count).sum();
        long gpus = groups.stream().mapToLong(g -> (long) g.count() * g.gpusPerNode()).sum();
        if (nodes > ClusterKeys.MAX_CLUSTER_NODES) {
            list.problem(nodes + " nodes in all", String.format(java.util.Locale.ROOT,
                    "at most %,d nodes in the cluster", ClusterKeys.MAX_CLUSTER_NODES));
        }
        if (gpus > ClusterKeys.MAX_CLUSTER_GPUS) {
            list.problem(gpus + " GPUs in all (count x gpusPerNode, summed over the groups)", String.format(
                    java.util.Locale.ROOT, "at most %,d GPUs in the cluster", ClusterKeys.MAX_CLUSTER_GPUS));
        }
    }

    /** Nodes without NICs are only valid when the cluster is that one node. */
    private static void checkNics(List<Cursor> items, List<NodeGroupSpec> groups) {
        if (groups.size() != items.size()) {
            return;
        }
        long nodes = groups.stream().mapToLong(NodeGroupSpec::count).sum();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).nicsPerNode() == 0 && nodes > 1) {
                Cursor nics = NodeGroup.NICS_PER_NODE.at(items.get(i));
                nics.problem(nics.found(), "at least 1: the cluster has " + nodes + " nodes, which talk over NICs");
            }
        }
    }

    private static FabricSpec readFabric(Cursor c) {
        int mark = c.mark();
        if (!c.mapOrAbsent(Fabric.SECTION)) {
            return null;
        }
        FabricSpec.Kind kind = Fabric.KIND.read(c);
        Integer spines = Fabric.SPINES.read(c);
        Integer nodesPerLeaf = Fabric.NODES_PER_LEAF.read(c);
        Double oversubscription = Fabric.OVERSUBSCRIPTION.read(c);
        Long nicLatency = Fabric.NIC_LATENCY.read(c);
        Long nvlinkLatency = Fabric.NVLINK_LATENCY.read(c);
        Optional<FabricSpec.Pods> pods = readPods(Fabric.PODS.at(c), nodesPerLeaf);
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
        if (!c.map(Pods.SECTION)) {
            return Optional.empty();
        }
        Integer nodesPerPod = Pods.NODES_PER_POD.read(c);
        Double oversubscription = Pods.OVERSUBSCRIPTION.read(c);
        Integer superSpines = Pods.SUPER_SPINES.read(c);
        if (nodesPerPod != null && nodesPerLeaf != null && nodesPerPod % nodesPerLeaf != 0) {
            Cursor n = Pods.NODES_PER_POD.at(c);
            n.problem(n.found(), "a multiple of fabric.nodesPerLeaf (" + nodesPerLeaf + "): a pod holds whole leaves");
        }
        return c.cleanSince(mark) ? Optional.of(new FabricSpec.Pods(nodesPerPod, oversubscription, superSpines))
                : Optional.empty();
    }
}
