package dev.fleetsim.engine.network;

import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.RateUpdate;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Contention between jobs on shared links, with expected values written as the arithmetic. */
class ContentionTest {

    private static final long BYTES = 1L << 30;
    private static final double NIC = Clusters.NDR_BYTES_PER_S * Clusters.gpu("H100-SXM").efficiency().nic();
    private static final double NVLINK = Clusters.gpu("H100-SXM").nvlinkBandwidthBytesPerS()
            * Clusters.gpu("H100-SXM").efficiency().nvlink();

    /** Four one-GPU nodes, two per leaf, one spine, leaves 4:1 oversubscribed. */
    private static NetworkGraph oversubscribedPair() {
        return Clusters.graph(List.of(new NodeGroupSpec("n", "H100-SXM", 4, 1, 1, Clusters.NDR_BYTES_PER_S)),
                2, 4.0, FabricLayout.leafSpine(1));
    }

    private static int[] add(FlowNetwork net, CollectivePlan plan) {
        return net.addFlows(plan.phases().get(0).paths(), plan.phases().get(0).demandCapsBytesPerS()).addedFlowIds();
    }

    @Test
    void twoJobsWhoseRingsCrossOneOversubscribedSpineEachGetHalfTheUplink() {
        NetworkGraph g = oversubscribedPair();
        CollectivePlanner planner = new CollectivePlanner(new Routing(g), CollectiveTuning.defaults());
        FlowNetwork net = new FlowNetwork(g);
        // Leaf up-link: two 400 Gb/s NICs below, 4:1 oversubscribed, one spine.
        double uplink = 2 * NIC / 4.0 / 1;

        int[] jobA = add(net, planner.ringAllReduce(new int[] {0, 2}, BYTES, 100));
        for (int f : jobA) {
            // Alone on the idle fabric, job A gets the whole bottleneck (the up-link, below the NIC).
            assertEquals(uplink, net.rateBytesPerS(f), 1e-6);
        }
        CollectivePlan planB = planner.ringAllReduce(new int[] {1, 3}, BYTES, 200);
        RateUpdate startB = net.addFlows(planB.phases().get(0).paths(), planB.phases().get(0).demandCapsBytesPerS());
        for (int f : jobA) {
            assertEquals(uplink / 2, net.rateBytesPerS(f), 1e-6);
        }
        for (int f : startB.addedFlowIds()) {
            assertEquals(uplink / 2, net.rateBytesPerS(f), 1e-6);
        }
        int[] sortedA = jobA.clone();
        Arrays.sort(sortedA);
        assertArrayEquals(sortedA, startB.changedFlowIds(), "B's start slows exactly A's flows");

        RateUpdate finishB = net.removeFlows(startB.addedFlowIds());
        assertArrayEquals(sortedA, finishB.changedFlowIds());
        for (int f : jobA) {
            assertEquals(uplink, net.rateBytesPerS(f), 1e-6);
        }
    }

    @Test
    void aJobAloneOnAnIdleFullBisectionFabricGetsTheFullNicBottleneck() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 4, Clusters.NDR_BYTES_PER_S, 2, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        int[] nodes0and2 = concat(Clusters.range(0, 8), Clusters.range(16, 8));
        CollectivePlan plan = model.planner().ringAllReduce(nodes0and2, BYTES, 0);
        // Eight channels, one NIC each way per channel: busbw = 8 NICs x 46 GB/s; the ring crosses
        // the spine, whose links (16 NICs below a leaf, 1:1, one spine) are not the bottleneck.
        double busBw = BYTES / transferSeconds(model, plan) * 2 * 15 / 16.0;
        assertEquals(8 * NIC, busBw, 1e-6 * 8 * NIC);
    }

    @Test
    void aTensorParallelGroupSplitAcrossNodesIsSlowerByTheNvlinkToNicRatio() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 8, Clusters.NDR_BYTES_PER_S, 8, 1.0, FabricLayout.leafSpine(1));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        CollectivePlanner p = model.planner();
        double inside = transferSeconds(model, p.ringAllReduce(Clusters.range(0, 8), BYTES, 0));
        double split = transferSeconds(model, p.ringAllReduce(concat(Clusters.range(0, 4), Clusters.range(8, 4)), BYTES, 0));
        int[] onePerNode = new int[8];
        for (int i = 0; i < 8; i++) {
            onePerNode[i] = 8 * i;
        }
        double spread = transferSeconds(model, p.ringAllReduce(onePerNode, BYTES, 0));
        // Inside the node the ring runs at one GPU's NVLink rate; 4+4 on two nodes at four NICs
        // (four channels); one GPU per node at one NIC.
        assertEquals(NVLINK / (4 * NIC), split / inside, 1e-6 * NVLINK / (4 * NIC));
        assertEquals(NVLINK / NIC, spread / inside, 1e-6 * NVLINK / NIC);
    }

    @Test
    void nvlsJobsOnDifferentNodesDoNotInteractButTwoJobsOnOneNodeShareNvlinkOnlyIfTheyShareGpus() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 2, Clusters.NDR_BYTES_PER_S, 2, 1.0, FabricLayout.leafSpine(1));
        CollectivePlanner planner = new CollectivePlanner(new Routing(g), CollectiveTuning.defaults());
        FlowNetwork net = new FlowNetwork(g);
        int[] a = add(net, planner.nvlsAllReduce(Clusters.range(0, 4), BYTES, 0));
        RateUpdate b = net.addFlows(planner.nvlsAllReduce(Clusters.range(4, 4), BYTES, 0).phases().get(0).paths(),
                planner.nvlsAllReduce(Clusters.range(4, 4), BYTES, 0).phases().get(0).demandCapsBytesPerS());
        assertEquals(0, b.changedFlowIds().length, "disjoint GPUs on one NVSwitch share no link");
        // Each NVLS flow runs at the NVLS cap: efficiency x the GPU's effective NVLink rate.
        assertEquals(CollectiveTuning.defaults().nvlsEfficiency() * NVLINK, net.rateBytesPerS(a[0]), 1e-3);
    }

    /** The plan's time without its alpha terms, so bandwidth ratios are exact. */
    private static double transferSeconds(FlowCollectiveModel model, CollectivePlan plan) {
        double alpha = plan.phases().stream().mapToDouble(ph -> ph.steps() * ph.alphaPerStepNs() * 1e-9).sum();
        return model.cost(plan).seconds() - alpha;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
