package dev.fleetsim.engine.run;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A KV-cache move of a disaggregated deployment priced beside other jobs' load, by hand. Two
 * nodes of 2 H100 with one 400 Gb/s NIC each, each node its own leaf, leaves 4:1 oversubscribed
 * to one spine. The graph's effective capacities (line rate x the H100's NIC efficiency 0.94):
 * NIC to leaf 47 GB/s, leaf to spine 47 / 4 = 11.75 GB/s; latencies 0.5 + 2.5 + 2.5 + 2.5 + 2.5
 * + 0.5 = 11 us along a GPU-to-GPU path across the spine.
 */
class SharedTransfersTest {
    private static final Topology TOPOLOGY = Topology.build(new ClusterSpec(List.of(new NodeGroupSpec("h", "H100-SXM", 2, 2,
            1, 400e9 / 8)), new FabricSpec(1, 4, 5000, 1000, FabricSpec.Kind.LEAF_SPINE, 1, Optional.empty())),
            HardwareCatalog.defaults());
    private static final NetworkGraph GRAPH = NetworkGraph.build(TOPOLOGY, FabricLayout.of(TOPOLOGY));
    /** Bytes each of the two TP ranks sends. */
    private static final double BYTES = 117.5e6;
    private static final double LATENCY_S = 11e-6;

    private static int link(String name) {
        for (int l = 0; l < GRAPH.linkCount(); l++) {
            if (GRAPH.describeLink(l).endsWith(name)) {
                return l;
            }
        }
        throw new AssertionError(name);
    }

    /** Seconds for the TP-2 replica on node 0 to send its cache to the TP-2 replica on node 1, with {@code load} on one link. */
    private static double move(String loadedLink, double loadBytesPerS) {
        int loaded = loadedLink == null ? -1 : link(loadedLink);
        SharedTransfers t = new SharedTransfers(GRAPH, l -> l == loaded ? loadBytesPerS : 0,
                new AnalyticCollectiveModel(TOPOLOGY));
        return t.seconds(new int[] {0, 1}, new int[] {2, 3}, BYTES);
    }

    @Test
    void aloneTheMoveRunsAtTheNarrowestLinkItsOwnFlowsShare() {
        assertEquals(11.75e9, GRAPH.capacityBytesPerS(link("leaf0->spine0")), 1);
        assertEquals(47e9, GRAPH.capacityBytesPerS(link("nic0->leaf0")), 1);
        // Both ranks' flows cross nic0 -> leaf0 -> spine0 -> leaf1 -> nic1: each gets half of the
        // 11.75 GB/s up-link, 5.875 GB/s, so 117.5 MB takes 20 ms, plus 11 us of hops.
        assertEquals(LATENCY_S + 0.020, move(null, 0), 1e-9);
    }

    @Test
    void loadBesideItOnAFullLinkStretchesTheMoveByItsShare() {
        double alone = move(null, 0);
        // The move demands D = 2 x 5.875 = 11.75 GB/s on the up-link. A job averaging 5.875 GB/s
        // there: D + load = 17.625 > 11.75, share 11.75 / 17.625 = 2/3, so 20 ms / (2/3) = 30 ms.
        double half = move("leaf0->spine0", 5.875e9);
        assertEquals(LATENCY_S + 0.030, half, 1e-9);
        // A job filling the up-link on average (11.75 GB/s): share 11.75 / 23.5 = 1/2, 40 ms.
        double full = move("leaf0->spine0", 11.75e9);
        assertEquals(LATENCY_S + 0.040, full, 1e-9);
        // More contention, a longer move: the direction the TTFT of a disaggregated service follows.
        assertTrue(alone < half && half < full);
    }

    @Test
    void loadThatLeavesRoomOnTheLinkCostsNothing() {
        // 23.5 GB/s on the 47 GB/s NIC link: with the move's 11.75 GB/s it is 35.25 GB/s, within capacity.
        assertEquals(move(null, 0), move("nic0->leaf0", 23.5e9), 1e-12);
    }

    @Test
    void insideANodeTheMoveKeepsTheIdleNvlinkCost() {
        AnalyticCollectiveModel idle = new AnalyticCollectiveModel(TOPOLOGY);
        SharedTransfers t = new SharedTransfers(GRAPH, l -> 1e12, idle);
        assertEquals(idle.sendRecvSeconds(0, 1, (long) BYTES), t.seconds(new int[] {0}, new int[] {1}, BYTES), 1e-12);
    }
}
