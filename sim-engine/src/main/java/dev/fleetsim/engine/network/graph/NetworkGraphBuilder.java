package dev.fleetsim.engine.network.graph;

import dev.fleetsim.engine.hardware.EfficiencySpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.Arrays;

/**
 * Lays out vertices and links for {@link NetworkGraph#build}. Capacities are effective: NVLink
 * and intra-node PCIe links are scaled by the GPU type's {@code nvlink} efficiency, everything a
 * NIC's traffic crosses by its {@code nic} efficiency, so that a link saturated in the model is
 * a link running at the rate collectives reach in practice. Leaf up-links carry the leaf's
 * effective down-link total divided by the oversubscription and the spine count; spine
 * up-links likewise with the pod oversubscription, so the ratios hold exactly.
 */
final class NetworkGraphBuilder {

    final Topology topology;
    final FabricLayout layout;
    final LinkTable links = new LinkTable();
    int nicCount;
    int leafCount;
    int podCount;
    int[] vertexBase;
    int[] gpuUp;
    int[] gpuDown;
    int[] gpuNicUp;
    int[] gpuNicDown;
    int[] nicOfGpu;
    int[] nicUp;
    int[] nicDown;
    int[] leafOfNic;
    int[] podOfLeaf;
    int[] leafUp;
    int[] leafDown;
    int[] spineUp;
    int[] spineDown;
    boolean[] nodeHasNvSwitch;

    NetworkGraphBuilder(Topology topology, FabricLayout layout) {
        this.topology = topology;
        this.layout = layout;
    }

    NetworkGraph build() {
        FabricSpec fabric = topology.fabric();
        if (!(fabric.oversubscription() >= 1)) {
            throw new IllegalArgumentException("fabric oversubscription must be at least 1, was " + fabric.oversubscription());
        }
        int gpus = topology.gpuCount();
        int nodes = topology.nodeCount();
        int rails = 0;
        int[] firstNic = new int[nodes + 1];
        for (Topology.Node n : topology.nodes()) {
            if (n.nics() < 0) {
                throw new IllegalArgumentException("node group " + n.group() + " has a negative NIC count");
            }
            rails = Math.max(rails, n.nics());
            firstNic[n.index() + 1] = firstNic[n.index()] + n.nics();
        }
        nicCount = firstNic[nodes];
        int groups = topology.leafCount();
        leafCount = layout.kind() == FabricLayout.Kind.RAIL_OPTIMISED ? groups * rails : groups;
        int leavesPerPod = Math.min(layout.leavesPerPod(), Math.max(1, leafCount));
        podCount = leafCount == 0 ? 0 : (leafCount + leavesPerPod - 1) / leavesPerPod;
        int spines = layout.spinesPerPod();
        int supers = podCount > 1 ? spines * layout.superSpinesPerPlane() : 0;

        int[] counts = {gpus, nodes, nodes, nicCount, leafCount, podCount * spines, supers};
        vertexBase = new int[counts.length + 1];
        for (int k = 0; k < counts.length; k++) {
            vertexBase[k + 1] = vertexBase[k] + counts[k];
        }

        gpuUp = new int[gpus];
        gpuDown = new int[gpus];
        gpuNicUp = new int[gpus];
        gpuNicDown = new int[gpus];
        nicOfGpu = new int[gpus];
        nicUp = new int[nicCount];
        nicDown = new int[nicCount];
        leafOfNic = new int[nicCount];
        nodeHasNvSwitch = new boolean[nodes];
        double[] leafDownTotal = new double[leafCount];

        long nvHalf = fabric.nvlinkLatencyNs() / 2;
        long fabricHalf = fabric.nicLatencyNs() / 2;
        long pcie = layout.pcieLatencyNs();
        for (Topology.Node n : topology.nodes()) {
            GpuSpec gpu = n.gpu();
            EfficiencySpec eff = gpu.efficiency();
            boolean nvswitch = gpu.nvlinkBandwidthBytesPerS() > 0;
            nodeHasNvSwitch[n.index()] = nvswitch;
            int sw = nvswitch ? vertex(VertexKind.NVSWITCH, n.index()) : vertex(VertexKind.PCIE_SWITCH, n.index());
            LinkKind intraKind = nvswitch ? LinkKind.NVLINK : LinkKind.PCIE;
            double intraBw = (nvswitch ? gpu.nvlinkBandwidthBytesPerS() : gpu.pcieBandwidthBytesPerS()) * eff.nvlink();
            long intraLatency = nvswitch ? nvHalf : pcie;
            for (int i = 0; i < n.gpuCount(); i++) {
                int g = n.firstGpu() + i;
                gpuUp[g] = links.add(g, sw, intraKind, intraBw, intraLatency);
                gpuDown[g] = links.add(sw, g, intraKind, intraBw, intraLatency);
            }
            for (int r = 0; r < n.nics(); r++) {
                int nic = firstNic[n.index()] + r;
                int leaf = layout.kind() == FabricLayout.Kind.RAIL_OPTIMISED ? n.leaf() * rails + r : n.leaf();
                leafOfNic[nic] = leaf;
                double bw = n.nicBandwidthBytesPerS() * eff.nic();
                nicUp[nic] = links.add(vertex(VertexKind.NIC, nic), vertex(VertexKind.LEAF, leaf), LinkKind.NIC_LEAF, bw, fabricHalf);
                nicDown[nic] = links.add(vertex(VertexKind.LEAF, leaf), vertex(VertexKind.NIC, nic), LinkKind.NIC_LEAF, bw, fabricHalf);
                leafDownTotal[leaf] += bw;
            }
            for (int i = 0; i < n.gpuCount(); i++) {
                int g = n.firstGpu() + i;
                if (n.nics() == 0) {
                    nicOfGpu[g] = NetworkGraph.NO_LINK;
                    gpuNicUp[g] = NetworkGraph.NO_LINK;
                    gpuNicDown[g] = NetworkGraph.NO_LINK;
                    continue;
                }
                // GPUs share NICs evenly when there are fewer NICs than GPUs: local GPU i uses NIC i*nics/gpus.
                int nic = firstNic[n.index()] + (int) ((long) i * n.nics() / n.gpuCount());
                nicOfGpu[g] = nic;
                double bw = gpu.pcieBandwidthBytesPerS() * eff.nic();
                gpuNicUp[g] = links.add(g, vertex(VertexKind.NIC, nic), LinkKind.GPU_NIC, bw, pcie);
                gpuNicDown[g] = links.add(vertex(VertexKind.NIC, nic), g, LinkKind.GPU_NIC, bw, pcie);
            }
        }

        podOfLeaf = new int[leafCount];
        leafUp = new int[leafCount * spines];
        leafDown = new int[leafCount * spines];
        double[] spineDownTotal = new double[podCount * spines];
        for (int leaf = 0; leaf < leafCount; leaf++) {
            int pod = leaf / leavesPerPod;
            podOfLeaf[leaf] = pod;
            double bw = leafDownTotal[leaf] / fabric.oversubscription() / spines;
            if (!(bw > 0)) {
                Arrays.fill(leafUp, leaf * spines, (leaf + 1) * spines, NetworkGraph.NO_LINK);
                Arrays.fill(leafDown, leaf * spines, (leaf + 1) * spines, NetworkGraph.NO_LINK);
                continue;
            }
            for (int s = 0; s < spines; s++) {
                int spine = pod * spines + s;
                leafUp[leaf * spines + s] = links.add(vertex(VertexKind.LEAF, leaf), vertex(VertexKind.SPINE, spine), LinkKind.LEAF_SPINE, bw, fabricHalf);
                leafDown[leaf * spines + s] = links.add(vertex(VertexKind.SPINE, spine), vertex(VertexKind.LEAF, leaf), LinkKind.LEAF_SPINE, bw, fabricHalf);
                spineDownTotal[spine] += bw;
            }
        }

        int perPlane = layout.superSpinesPerPlane();
        spineUp = new int[supers == 0 ? 0 : podCount * spines * perPlane];
        spineDown = new int[spineUp.length];
        for (int spine = 0; supers > 0 && spine < podCount * spines; spine++) {
            int plane = spine % spines;
            double bw = spineDownTotal[spine] / layout.podOversubscription() / perPlane;
            for (int k = 0; k < perPlane; k++) {
                int sup = plane * perPlane + k;
                if (!(bw > 0)) {
                    spineUp[spine * perPlane + k] = NetworkGraph.NO_LINK;
                    spineDown[spine * perPlane + k] = NetworkGraph.NO_LINK;
                    continue;
                }
                spineUp[spine * perPlane + k] = links.add(vertex(VertexKind.SPINE, spine), vertex(VertexKind.SUPER_SPINE, sup), LinkKind.SPINE_SUPER, bw, fabricHalf);
                spineDown[spine * perPlane + k] = links.add(vertex(VertexKind.SUPER_SPINE, sup), vertex(VertexKind.SPINE, spine), LinkKind.SPINE_SUPER, bw, fabricHalf);
            }
        }
        return new NetworkGraph(this);
    }

    private int vertex(VertexKind kind, int index) {
        return vertexBase[kind.ordinal()] + index;
    }
}
