package dev.fleetsim.engine.network.collective;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.network.Clusters;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.testing.RepositoryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collective bandwidths against the published measurements in validation/reference/collectives.json,
 * within 10 %, with the catalogue's default efficiencies.
 */
class CollectiveValidationTest {

    private static final long LARGE_BYTES = 4L << 30;
    private static String claims;

    @BeforeAll
    static void readReference() {
        JsonNode root = RepositoryFiles.reference("collectives.json");
        StringBuilder sb = new StringBuilder();
        root.path("measurements").forEach(m -> sb.append(m.path("claim").asText()).append('\n'));
        claims = sb.toString();
    }

    private static void assertWithinTenPercent(double publishedGBps, double modelBytesPerS, String what) {
        double modelGBps = modelBytesPerS / 1e9;
        assertTrue(Math.abs(modelGBps - publishedGBps) <= 0.10 * publishedGBps,
                what + ": model " + modelGBps + " GB/s against published " + publishedGBps + " GB/s");
    }

    @Test
    void h100RingAllReduceOnOneNodeReaches370GBpsBusBw() {
        assertTrue(claims.contains("~370 GB/s effective busBw"));
        NetworkGraph g = Clusters.dgx("H100-SXM", 1, Clusters.NDR_BYTES_PER_S, 1, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectiveCost ring = model.cost(model.planner().ringAllReduce(Clusters.range(0, 8), LARGE_BYTES, 0));
        // Ring busbw equals the per-GPU NVLink rate the ring flows get: 450 GB/s x nvlink efficiency.
        double expected = Clusters.gpu("H100-SXM").nvlinkBandwidthBytesPerS() * Clusters.gpu("H100-SXM").efficiency().nvlink();
        assertEquals(expected, ring.busBwBytesPerS(), 0.01 * expected);
        assertWithinTenPercent(370, ring.busBwBytesPerS(), "8xH100 ring all-reduce busbw");
    }

    @Test
    void h100NvlsAllReduceOnOneNodeReaches480GBpsBusBw() {
        assertTrue(claims.contains("~480 GB/s busBw"));
        NetworkGraph g = Clusters.dgx("H100-SXM", 1, Clusters.NDR_BYTES_PER_S, 1, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectivePlan plan = model.allReducePlan(Clusters.range(0, 8), LARGE_BYTES);
        assertEquals("nvls", plan.algorithm());
        CollectiveCost nvls = model.cost(plan);
        assertWithinTenPercent(480, nvls.busBwBytesPerS(), "8xH100 NVLS all-reduce busbw");
        assertWithinTenPercent(275, nvls.algBwBytesPerS(), "8xH100 NVLS all-reduce algbw");
    }

    @Test
    void dgxA100TwoNodeRingAllReduceReaches192GBpsBusBw() {
        assertTrue(claims.contains("192 GB/s AllReduce BusBW"));
        NetworkGraph g = Clusters.dgx("A100-80GB", 2, Clusters.HDR_BYTES_PER_S, 2, 1.0, FabricLayout.railOptimised(2));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectivePlan plan = model.allReducePlan(Clusters.range(0, 16), LARGE_BYTES);
        assertEquals("ring", plan.algorithm());
        CollectiveCost ring = model.cost(plan);
        // Eight channels, each through its own 200 Gb/s NIC: busbw = 8 x 25 GB/s x nic efficiency.
        double expected = 8 * Clusters.HDR_BYTES_PER_S * Clusters.gpu("A100-80GB").efficiency().nic();
        assertEquals(expected, ring.busBwBytesPerS(), 0.01 * expected);
        assertWithinTenPercent(192, ring.busBwBytesPerS(), "2-node DGX-A100 all-reduce busbw");
    }

    @Test
    void hierarchicalAllReduceIsTheSumOfItsThreeUnpipelinedPhases() {
        NetworkGraph g = Clusters.dgx("A100-80GB", 2, Clusters.HDR_BYTES_PER_S, 2, 1.0, FabricLayout.railOptimised(2));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectiveCost hier = model.cost(model.planner().hierarchicalAllReduce(Clusters.range(0, 16), LARGE_BYTES, 0));
        double nvlink = 300e9 * Clusters.gpu("A100-80GB").efficiency().nvlink();
        double nic = Clusters.HDR_BYTES_PER_S * Clusters.gpu("A100-80GB").efficiency().nic();
        double s = LARGE_BYTES;
        // Reduce-scatter and all-gather in each node: 7/8 S over NVLink each; then each GPU's
        // 1/8 shard all-reduced with its peer on the other node over its own NIC: 2(2-1)/2 x S/8.
        double expected = 7.0 / 8 * s / nvlink + s / 8 / nic + 7.0 / 8 * s / nvlink;
        assertEquals(expected, hier.seconds(), 0.001 * expected);
    }

    @Test
    void allGatherAndReduceScatterRingsMoveHalfTheAllReduceTraffic() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 1, Clusters.NDR_BYTES_PER_S, 1, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        int[] group = Clusters.range(0, 8);
        double ar = model.cost(model.planner().ringAllReduce(group, LARGE_BYTES, 0)).seconds();
        double ag = model.allGatherSeconds(group, LARGE_BYTES);
        double rs = model.reduceScatterSeconds(group, LARGE_BYTES);
        // A ring all-reduce is a reduce-scatter followed by an all-gather.
        assertEquals(ar, ag + rs, 1e-6 * ar);
        CollectiveCost agCost = model.cost(model.planner().ringAllGather(group, LARGE_BYTES, 0));
        assertWithinTenPercent(370, agCost.busBwBytesPerS(), "8xH100 ring all-gather busbw");
    }

    @Test
    void smallMessagesArePricedByTheAlphaTerm() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 1, Clusters.NDR_BYTES_PER_S, 1, 1.0, FabricLayout.leafSpine(1));
        CollectiveTuning tuning = CollectiveTuning.defaults();
        FlowCollectiveModel model = new FlowCollectiveModel(g, tuning);
        // 2(n-1) = 14 steps, each one NVLink hop (GPU->switch->GPU = nvlinkLatencyNs) plus the step overhead.
        double alpha = 14 * (Clusters.NVLINK_LATENCY_NS + tuning.stepOverheadNs()) * 1e-9;
        double t = model.cost(model.planner().ringAllReduce(Clusters.range(0, 8), 0, 0)).seconds();
        assertEquals(alpha, t, 1e-12);
        assertEquals(0.0, model.allReduceSeconds(new int[] {3}, 1 << 20));
    }
}
