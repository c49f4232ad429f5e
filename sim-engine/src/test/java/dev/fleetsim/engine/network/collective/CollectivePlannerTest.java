package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.Clusters;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CollectivePlannerTest {

    private static final long S = 1L << 30;
    private static final double NIC = Clusters.NDR_BYTES_PER_S * Clusters.gpu("H100-SXM").efficiency().nic();
    private static final double NVLINK = 450e9 * Clusters.gpu("H100-SXM").efficiency().nvlink();

    private static double transferSeconds(FlowCollectiveModel model, CollectivePlan plan) {
        double alpha = plan.phases().stream().mapToDouble(ph -> ph.steps() * ph.alphaPerStepNs() * 1e-9).sum();
        return model.cost(plan).seconds() - alpha;
    }

    @Test
    void doubleBinaryTreeOnFourSingleGpuNodesPutsThreeFlowsOnEveryNic() {
        NetworkGraph g = Clusters.graph(List.of(new NodeGroupSpec("n", "H100-SXM", 4, 1, 1, Clusters.NDR_BYTES_PER_S)),
                4, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectivePlan tree = model.planner().treeAllReduce(Clusters.range(0, 4), S, 0);
        // Tree A (heads 0,1,2,3): 1->0, 2->0, 3->1; tree B (3,2,1,0): 2->3, 1->3, 0->2; each edge
        // carries S/2 up and S/2 down, so every NIC sends three flows and receives three.
        assertEquals(2 * 3 * 2, tree.phases().get(0).flowCount());
        assertEquals(S / 2.0 / (NIC / 3), transferSeconds(model, tree), 1e-9);
        // Two steps per tree level: depth 2 for four nodes.
        assertEquals(4, tree.phases().get(0).steps());
    }

    @Test
    void allToAllOnOneNodePutsSevenEighthsOfTheBufferOnEachNvlink() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 1, Clusters.NDR_BYTES_PER_S, 1, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectivePlan a2a = model.planner().allToAll(Clusters.range(0, 8), S, 0);
        assertEquals(56, a2a.phases().get(0).flowCount());
        assertEquals(7.0 / 8 * S / NVLINK, transferSeconds(model, a2a), 1e-9);
    }

    @Test
    void pointToPointAcrossNodesRunsAtOneNic() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 2, Clusters.NDR_BYTES_PER_S, 2, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectivePlan p2p = model.planner().sendRecv(3, 11, S, 0);
        assertEquals(S / NIC, transferSeconds(model, p2p), 1e-9);
        // GPU->NIC (PCIe), NIC->leaf, leaf->NIC, NIC->GPU; plus the step overhead.
        long alphaNs = 2 * g.layout().pcieLatencyNs() + Clusters.NIC_LATENCY_NS + CollectiveTuning.defaults().stepOverheadNs();
        assertEquals(S / NIC + alphaNs * 1e-9, model.sendRecvSeconds(3, 11, S), 1e-12);
    }

    @Test
    void badGroupsAreRefused() {
        NetworkGraph g = Clusters.dgx("A100-80GB", 2, Clusters.HDR_BYTES_PER_S, 2, 1.0, FabricLayout.leafSpine(1));
        CollectivePlanner p = new CollectivePlanner(new dev.fleetsim.engine.network.graph.Routing(g), CollectiveTuning.defaults());
        assertThrows(IllegalArgumentException.class, () -> p.ringAllReduce(new int[] {1, 2, 1}, S, 0));
        assertThrows(IllegalArgumentException.class, () -> p.ringAllReduce(new int[] {0, 99}, S, 0));
        assertFalse(p.nvlsApplicable(Clusters.range(0, 8)), "A100 NVSwitch has no NVLS");
        assertThrows(IllegalArgumentException.class, () -> p.nvlsAllReduce(Clusters.range(0, 8), S, 0));
        assertThrows(IllegalArgumentException.class, () -> p.hierarchicalAllReduce(new int[] {0, 1, 8}, S, 0));
    }
}
