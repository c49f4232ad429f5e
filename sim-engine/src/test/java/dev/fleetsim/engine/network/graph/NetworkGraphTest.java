package dev.fleetsim.engine.network.graph;

import dev.fleetsim.engine.network.Clusters;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkGraphTest {

    @Test
    void leafSpineCountsAndCapacitiesFollowFromTheSpec() {
        // 4 DGX nodes, 2 per leaf, 2:1 oversubscribed, 4 spines.
        NetworkGraph g = Clusters.dgx("H100-SXM", 4, Clusters.NDR_BYTES_PER_S, 2, 2.0, FabricLayout.leafSpine(4));
        assertEquals(32, g.gpuCount());
        assertEquals(32, g.nicCount());
        assertEquals(2, g.leafCount());
        assertEquals(1, g.podCount());
        assertEquals(4, g.spineCount());
        assertEquals(0, g.superSpineCount());
        // Per GPU: 2 NVLink + 2 GPU-NIC links; per NIC 2 leaf links; per leaf 2 x 4 spine links.
        assertEquals(32 * 2 + 32 * 2 + 32 * 2 + 2 * 2 * 4, g.linkCount());
        double nic = Clusters.NDR_BYTES_PER_S * Clusters.gpu("H100-SXM").efficiency().nic();
        int[] path = new Routing(g).path(0, 31, 7);
        assertEquals(6, path.length);
        assertEquals(LinkKind.LEAF_SPINE, g.linkKind(path[2]));
        // 16 NICs below a leaf, halved by the oversubscription, over 4 spines.
        assertEquals(16 * nic / 2.0 / 4, g.capacityBytesPerS(path[2]), 1e-3);
        assertEquals(nic, g.capacityBytesPerS(path[1]), 1e-3);
    }

    @Test
    void railOptimisedPutsNicROfEveryNodeOnTheRailRLeaf() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 4, Clusters.NDR_BYTES_PER_S, 4, 1.0, FabricLayout.railOptimised(2));
        assertEquals(8, g.leafCount());
        for (int gpu = 0; gpu < 32; gpu++) {
            assertEquals(gpu % 8, g.leafOfNic(g.nicOfGpu(gpu)));
        }
        Routing r = new Routing(g);
        assertEquals(4, r.path(3, 8 + 3, 0).length, "same rail: NIC, leaf, NIC");
        assertEquals(6, r.path(3, 8 + 4, 0).length, "cross rail goes through a spine");
    }

    @Test
    void heterogeneousNodesWithoutNvlinkTalkThroughPcieAndShareNics() {
        NetworkGraph g = Clusters.graph(List.of(
                new NodeGroupSpec("h100", "H100-SXM", 1, 8, 8, Clusters.NDR_BYTES_PER_S),
                new NodeGroupSpec("l40s", "L40S", 2, 8, 2, Clusters.NDR_BYTES_PER_S / 2)), 4, 1.0, FabricLayout.leafSpine(1));
        assertTrue(g.hasNvSwitch(0));
        assertTrue(!g.hasNvSwitch(1));
        Routing r = new Routing(g);
        int[] intra = r.path(8, 9, 0);
        assertEquals(LinkKind.PCIE, g.linkKind(intra[0]));
        double pcie = Clusters.gpu("L40S").pcieBandwidthBytesPerS() * Clusters.gpu("L40S").efficiency().nvlink();
        assertEquals(pcie, g.capacityBytesPerS(intra[0]), 1e-3);
        // Two NICs for eight GPUs: GPUs 0-3 on the first, 4-7 on the second.
        assertEquals(g.nicOfGpu(8), g.nicOfGpu(11));
        assertEquals(g.nicOfGpu(8) + 1, g.nicOfGpu(12));
        assertEquals(LinkKind.NVLINK, g.linkKind(r.path(0, 1, 0)[0]));
    }

    @Test
    void podsAddASuperSpineTierWithThePodOversubscription() {
        FabricLayout layout = FabricLayout.leafSpine(2).withPods(2, 3, 4.0);
        NetworkGraph g = Clusters.dgx("H100-SXM", 8, Clusters.NDR_BYTES_PER_S, 2, 1.0, layout);
        assertEquals(4, g.leafCount());
        assertEquals(2, g.podCount());
        assertEquals(4, g.spineCount());
        assertEquals(6, g.superSpineCount());
        int[] path = new Routing(g).path(0, 63, 11);
        assertEquals(8, path.length);
        assertEquals(LinkKind.SPINE_SUPER, g.linkKind(path[3]));
        double nic = Clusters.NDR_BYTES_PER_S * Clusters.gpu("H100-SXM").efficiency().nic();
        double leafUp = 16 * nic / 1.0 / 2;
        // A spine has two leaves below it; its up-links split that by 4:1 over 3 super-spines.
        assertEquals(2 * leafUp / 4.0 / 3, g.capacityBytesPerS(path[3]), 1e-3);
    }

    @Test
    void routingRefusesPathsThatCannotExist() {
        NetworkGraph g = Clusters.graph(List.of(new NodeGroupSpec("nonic", "H100-SXM", 2, 8, 0, 0)), 2, 1.0,
                FabricLayout.leafSpine(1));
        Routing r = new Routing(g);
        assertThrows(IllegalArgumentException.class, () -> r.path(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> r.path(0, 8, 0));
        assertEquals(2, r.path(0, 7, 0).length);
    }
}
