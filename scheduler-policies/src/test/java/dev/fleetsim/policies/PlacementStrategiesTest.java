package dev.fleetsim.policies;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.policies.placement.BestFitPlacement;
import dev.fleetsim.policies.placement.FirstFitPlacement;
import dev.fleetsim.policies.placement.PlacementStrategies;
import dev.fleetsim.policies.placement.SpreadPlacement;
import dev.fleetsim.policies.placement.TopologyAwarePlacement;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

import static dev.fleetsim.policies.TestRuns.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four 8-GPU nodes, two to a leaf: node n holds GPUs 8n..8n+7; nodes 0-1 are leaf 0, nodes 2-3
 * leaf 1. Each test uses some GPUs first, then asks a strategy where a job goes.
 */
class PlacementStrategiesTest {
    private final Topology topology = Topology.build(
            Scenarios.homogeneous("H100-SXM", 4, 8, new FabricSpec(2, 4.0, 5_000, 1_000)), HardwareCatalog.defaults());
    private final ClusterState state = new ClusterState(topology);
    private int owner;

    /** Marks GPUs [from, to) of a node as in use. */
    private void use(int node, int from, int to) {
        state.allocate(owner++, IntStream.range(8 * node + from, 8 * node + to).toArray());
    }

    private static JobView job(int tp, int dp) {
        return JobView.submitted(JobTraits.of(TestRuns.withLayout(Scenarios.dataParallelJob("j", MODEL, 1, 1, 1, 0, "t"),
                tp, dp), List.of("H100-SXM"), 1.0));
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    @Test
    void namesResolveAndConsolidateIsBestFit() {
        assertEquals(List.of("best-fit", "consolidate", "first-fit", "spread", "topology-aware"), PlacementStrategies.names());
        assertInstanceOf(BestFitPlacement.class, PlacementStrategies.find("consolidate").orElseThrow());
        assertInstanceOf(TopologyAwarePlacement.class, PlacementStrategies.find("topology-aware").orElseThrow());
    }

    @Test
    void bestFitPutsASmallJobOnTheTightestNode() {
        use(0, 0, 6);   // node 0: 2 free
        use(1, 0, 4);   // node 1: 4 free
        BestFitPlacement bestFit = new BestFitPlacement();
        assertArrayEquals(new int[] {6, 7}, bestFit.place(job(1, 2), state.readOnlyView(), new BitSet()).orElseThrow());
        assertArrayEquals(new int[] {12, 13, 14}, bestFit.place(job(1, 3), state.readOnlyView(), new BitSet()).orElseThrow());
        // first fit takes the first node with room instead
        assertArrayEquals(new int[] {12, 13, 14}, new FirstFitPlacement().place(job(1, 3), state.readOnlyView(), new BitSet()).orElseThrow());
    }

    @Test
    void bestFitUsesTheFewestNodesAndTheTightestForTheRemainder() {
        use(0, 0, 6);   // 2 free
        use(1, 0, 4);   // 4 free; nodes 2 and 3 free
        // 12 GPUs: one whole node (node 2) and the remaining 4 on node 1, which holds exactly 4
        int[] got = new BestFitPlacement().place(job(1, 12), state.readOnlyView(), new BitSet()).orElseThrow();
        assertArrayEquals(concat(range(12, 16), range(16, 24)), got);
    }

    @Test
    void topologyAwareNeverSplitsATensorParallelGroup() {
        use(0, 0, 6);   // node 0: 2 free
        use(1, 0, 2);   // node 1: 6 free
        use(2, 0, 8);
        use(3, 0, 8);
        // 8 GPUs are free, but only one group of 4 fits inside a node: wait
        assertTrue(new TopologyAwarePlacement().place(job(4, 2), state.readOnlyView(), new BitSet()).isEmpty());
        // first fit would split a group across nodes 0 and 1
        assertArrayEquals(concat(range(6, 8), range(10, 16)),
                new FirstFitPlacement().place(job(4, 2), state.readOnlyView(), new BitSet()).orElseThrow());
    }

    @Test
    void topologyAwareKeepsTheJobUnderOneLeaf() {
        use(0, 0, 4);   // leaf 0: node 0 has 4 free, node 1 none
        use(1, 0, 8);
        use(2, 0, 4);   // leaf 1: nodes 2 and 3 have 4 free each
        use(3, 0, 4);
        int[] got = new TopologyAwarePlacement().place(job(4, 2), state.readOnlyView(), new BitSet()).orElseThrow();
        assertArrayEquals(concat(range(20, 24), range(28, 32)), got);
        // first fit crosses the spine: node 0 (leaf 0) and node 2 (leaf 1)
        assertArrayEquals(concat(range(4, 8), range(20, 24)),
                new FirstFitPlacement().place(job(4, 2), state.readOnlyView(), new BitSet()).orElseThrow());
    }

    @Test
    void topologyAwarePrefersOneNodeTheTightest() {
        use(1, 0, 4);   // node 1: 4 free; nodes 0, 2, 3 free
        assertArrayEquals(range(12, 16), new TopologyAwarePlacement().place(job(4, 1), state.readOnlyView(), new BitSet()).orElseThrow());
    }

    @Test
    void topologyAwareCrossesLeavesOnlyWhenNoLeafHoldsTheJob() {
        use(0, 0, 4);
        use(2, 0, 4);
        // 24 GPUs of groups of 4: leaf 0 holds 12 (node 1: 8, node 0: 4), leaf 1 too. Roomiest nodes first.
        int[] got = new TopologyAwarePlacement().place(job(4, 6), state.readOnlyView(), new BitSet()).orElseThrow();
        assertArrayEquals(concat(range(8, 16), range(4, 8), range(24, 32), range(20, 24)), got);
    }

    @Test
    void topologyAwareGivesAGroupWiderThanANodeWholeNodes() {
        use(0, 0, 1);   // node 0 is not whole: leaf 0 has one whole node (1), leaf 1 two (2, 3)
        int[] got = new TopologyAwarePlacement().place(job(16, 1), state.readOnlyView(), new BitSet()).orElseThrow();
        assertArrayEquals(range(16, 32), got);
    }

    @Test
    void spreadPutsASmallJobOnTheEmptiestNode() {
        use(0, 0, 2);
        use(1, 0, 1);
        use(2, 0, 3);
        assertArrayEquals(range(24, 28), new SpreadPlacement().place(job(1, 4), state.readOnlyView(), new BitSet()).orElseThrow());
    }

    @Test
    void spreadDealsTensorParallelGroupsRoundRobin() {
        use(0, 0, 2);   // 6 free: holds 3 pairs
        // 16 GPUs in pairs over nodes by free GPUs (1, 2, 3 with 8, then 0 with 6): 2 pairs each, 4 on node 1-3... round robin
        int[] got = new SpreadPlacement().place(job(2, 8), state.readOnlyView(), new BitSet()).orElseThrow();
        // pairs dealt in order n1, n2, n3, n0, n1, n2, n3, n0: each node gets 2 pairs (4 GPUs)
        assertArrayEquals(concat(range(8, 12), range(16, 20), range(24, 28), range(2, 6)), got);
    }

    @Test
    void everyStrategyRespectsGpusPromisedEarlierInTheRound() {
        BitSet taken = new BitSet();
        taken.set(0, 28);
        for (String name : PlacementStrategies.names()) {
            assertTrue(PlacementStrategies.find(name).orElseThrow().place(job(1, 5), state.readOnlyView(), taken).isEmpty(), name);
            assertArrayEquals(range(28, 32), PlacementStrategies.find(name).orElseThrow().place(job(1, 4), state.readOnlyView(), taken)
                    .orElseThrow(), name);
        }
    }
}
