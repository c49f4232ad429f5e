package dev.fleetsim.engine.network;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ring formulas by hand on DGX-A100 nodes (8 GPUs, 8 x 25 GB/s NICs, NVLink 300 GB/s per
 * direction), two nodes per leaf, 4:1 oversubscription, 5 us NIC and 1 us NVLink hops.
 */
class AnalyticCollectiveModelTest {

    private static final long GIB = 1L << 30;
    private static final double NIC = 25e9;
    private static final double NIC_LAT = 5e-6;
    private static final double NVL_LAT = 1e-6;

    private final GpuSpec a100 = HardwareCatalog.defaults().get("A100-80GB");
    private final double nvlinkBw = 300e9 * a100.efficiency().nvlink();
    private final double nicEff = a100.efficiency().nic();
    private final AnalyticCollectiveModel model = new AnalyticCollectiveModel(cluster(a100, 8, 2, 4.0));

    @Test
    void allReduceInsideOneNodeIsTheNvlinkRing() {
        int[] group = range(0, 8);
        double expected = 2 * 7 * NVL_LAT + 2.0 * 7 / 8 * GIB / nvlinkBw;
        assertEquals(expected, model.allReduceSeconds(group, GIB), 1e-12);
        assertEquals(7 * NVL_LAT + 7.0 / 8 * GIB / nvlinkBw, model.allGatherSeconds(group, GIB), 1e-12);
        assertEquals(7 * NVL_LAT + 7.0 / 8 * GIB / nvlinkBw, model.reduceScatterSeconds(group, GIB), 1e-12);
    }

    @Test
    void fullNodesUnderOneLeafGetTheWholeNodeNicBandwidth() {
        // 16 GPUs = nodes 0 and 1, one leaf: the ring crosses each node's 8 NICs once, 192 GB/s.
        int[] group = range(0, 16);
        double bw = 8 * NIC * nicEff;
        assertEquals(2 * 15 * NIC_LAT + 2.0 * 15 / 16 * GIB / bw, model.allReduceSeconds(group, GIB), 1e-12);
    }

    @Test
    void oneMemberPerNodeAcrossLeavesGetsOneNicOverOversubscription() {
        // GPU 0 of nodes 0, 1, 2, 3: one NIC's share each, and nodes 2-3 sit under another leaf.
        int[] group = {0, 8, 16, 24};
        double bw = NIC * nicEff / 4.0;
        assertEquals(2 * 3 * NIC_LAT + 2.0 * 3 / 4 * GIB / bw, model.allReduceSeconds(group, GIB), 1e-12);
    }

    @Test
    void allToAllSendsEachPeerItsShareOverNvlinkOrTheGpusOwnNic() {
        // 8 GPUs of node 0 and 4 of node 1 (one leaf): n = 12, each rank sends S/12 to every peer.
        int[] group = new int[12];
        for (int i = 0; i < 12; i++) {
            group[i] = i;
        }
        double perPeer = GIB / 12.0;
        // Node 0: 7 peers over NVLink, 4 over one NIC (25 GB/s x nic); node 1: 3 over NVLink, 8 over the NIC.
        double node0 = Math.max(7 * perPeer / nvlinkBw, 4 * perPeer / (NIC * nicEff));
        double node1 = Math.max(3 * perPeer / nvlinkBw, 8 * perPeer / (NIC * nicEff));
        assertEquals(NIC_LAT + Math.max(node0, node1), model.allToAllSeconds(group, GIB), 1e-12);
        // Across leaves every NIC share is divided by the 4:1 oversubscription.
        int[] crossLeaf = {0, 1, 16, 17};
        double cross = Math.max(perPeerOf(4) / nvlinkBw, 2 * perPeerOf(4) / (NIC * nicEff / 4.0));
        assertEquals(NIC_LAT + cross, model.allToAllSeconds(crossLeaf, GIB), 1e-12);
        assertEquals(1e-6 + 7 * (GIB / 8.0) / nvlinkBw, model.allToAllSeconds(range(0, 8), GIB), 1e-12);
    }

    private static double perPeerOf(int n) {
        return GIB / (double) n;
    }

    @Test
    void tpGroupSplitOverTwoNodesIsSlowerByTheRatioOfItsBottlenecks() {
        int[] inside = range(0, 8);
        int[] split = {0, 1, 2, 3, 8, 9, 10, 11};
        long bytes = 100L << 20;
        double insideS = 14 * NVL_LAT + 2.0 * 7 / 8 * bytes / nvlinkBw;
        double splitS = 14 * NIC_LAT + 2.0 * 7 / 8 * bytes / (4 * NIC * nicEff);
        assertEquals(insideS, model.allReduceSeconds(inside, bytes), 1e-12);
        assertEquals(splitS, model.allReduceSeconds(split, bytes), 1e-12);
        assertTrue(splitS / insideS > 2.5, "split TP group only " + splitS / insideS + "x slower");
    }

    @Test
    void sendRecvUsesNvlinkInsideANodeAndOneNicAcrossNodes() {
        assertEquals(NVL_LAT + GIB / nvlinkBw, model.sendRecvSeconds(0, 1, GIB), 1e-12);
        assertEquals(NIC_LAT + GIB / (NIC * nicEff), model.sendRecvSeconds(0, 8, GIB), 1e-12);
        assertEquals(NIC_LAT + GIB / (NIC * nicEff / 4.0), model.sendRecvSeconds(0, 16, GIB), 1e-12);
        assertEquals(0.0, model.sendRecvSeconds(3, 3, GIB));
    }

    @Test
    void gpuWithoutNvlinkUsesPcie() {
        GpuSpec l40s = HardwareCatalog.defaults().get("L40S");
        AnalyticCollectiveModel pcie = new AnalyticCollectiveModel(cluster(l40s, 2, 2, 1.0));
        double bw = 32e9 * l40s.efficiency().nvlink();
        assertEquals(2 * 3 * NVL_LAT + 2.0 * 3 / 4 * GIB / bw, pcie.allReduceSeconds(range(0, 4), GIB), 1e-12);
    }

    @Test
    void repeatedCallsLeaveNoStateBehind() {
        int[] group = {0, 8, 16, 24};
        double first = model.allReduceSeconds(group, GIB);
        model.allReduceSeconds(range(0, 16), GIB);
        assertEquals(first, model.allReduceSeconds(group, GIB));
        assertEquals(0.0, model.allReduceSeconds(new int[] {5}, GIB));
    }

    private static Topology cluster(GpuSpec gpu, int nodes, int nodesPerLeaf, double oversubscription) {
        NodeGroupSpec group = new NodeGroupSpec("n", gpu.name(), nodes, 8, 8, NIC);
        FabricSpec fabric = new FabricSpec(nodesPerLeaf, oversubscription, 5_000, 1_000);
        return Topology.build(new ClusterSpec(List.of(group), fabric), Map.of(gpu.name(), gpu));
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }
}
