package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idle-network estimate costs a job's concurrent groups together (issue 7, item 1). The
 * fixture is the reproducer: Llama-3-8B with {@code tp 8, dp 2} on two DGX-H100 nodes
 * (8 x 400 Gb/s NICs) under different leaves, one node a leaf. Its 8 DP groups are {GPU t of
 * node 0, GPU t of node 1}: a ring of two flows each, on NIC t of either node, so they share no
 * NIC, but all 8 cross leaf 0's up-link at once. That link carries {@code 8 NIC / o} at
 * oversubscription {@code o}: at 1:1 every flow still gets a whole NIC, at 8:1 one NIC's worth
 * is split eight ways. Costing each group alone (the old estimate) gave each a whole NIC at
 * every {@code o}, so the job never slowed down.
 */
class ConcurrentCollectivesTest {

    private static final GpuSpec H100 = HardwareCatalog.defaults().get("H100-SXM");
    /** One NDR NIC's effective rate, bytes/s. */
    private static final double NIC = 400e9 / 8 * H100.efficiency().nic();

    private static Topology cluster(int nodes, int nodesPerLeaf, double oversubscription) {
        return Topology.build(new ClusterSpec(List.of(new NodeGroupSpec("n", "H100-SXM", nodes, 8, 8, 400e9 / 8)),
                new FabricSpec(nodesPerLeaf, oversubscription, 5_000, 1_000)), HardwareCatalog.defaults());
    }

    private static TrainingJobSpec job(ParallelismSpec par, int globalBatch) {
        return new TrainingJobSpec("j", ModelCatalog.find("llama3-8b").orElseThrow(), Precision.BF16, globalBatch, 1, par,
                Recompute.SELECTIVE, 0, 0.8, true, 100, 0, "t", 0, Optional.empty());
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * DP time of a gradient all-reduce of {@code c} seconds behind a window of {@code w}: overlap 0.8;
     * the hidden part still costs the overlap interference (the measured 18.9 % slowdown of the compute
     * beside an NCCL kernel, more than the 16 of the 132 SMs its kernels hold).
     */
    private static double exposed(double c, double w) {
        double exposed = Math.max(0.2 * c, c - w);
        return exposed + 0.189 * (c - exposed);
    }

    @Test
    void theReproducerSlowsDownAtEightToOneByTheSharedUplinkArithmetic() {
        TrainingJobSpec job = job(new ParallelismSpec(8, 1, 2, 1), 64);
        int[] gpus = range(16);
        Topology full = cluster(2, 1, 1.0);
        Topology eight = cluster(2, 1, 8.0);
        Topology sixteen = cluster(2, 1, 16.0);
        StepEstimate at1 = new FlowStepModel(full).estimate(job, full, gpus);
        StepEstimate at8 = new FlowStepModel(eight).estimate(job, eight, gpus);
        StepEstimate at16 = new FlowStepModel(sixteen).estimate(job, sixteen, gpus);

        // Each ring flow carries 2(n-1)/n S = S, the TP rank's gradient shard; two ring steps, each
        // paying the path's latency plus the 1 us step overhead.
        double s = Math.round(MemoryModel.stageParams(job) * 2.0);
        NetworkGraph g = NetworkGraph.build(eight, FabricLayout.of(eight));
        double alpha = 2 * (g.pathLatencyNs(new Routing(g).path(0, 8, 0)) + CollectiveTuning.defaults().stepOverheadNs()) * 1e-9;
        double window = new TrainingPerfModel().compute(job, full, gpus).lastBackwardS();
        // 1:1: each flow gets its NIC. 8:1: the up-link is 8 NIC / 8 = one NIC, eight flows share it.
        // 16:1: half a NIC, eight ways.
        double c1 = s / NIC + alpha;
        double c8 = s / (NIC / 8) + alpha;
        double c16 = s / (NIC / 2 / 8) + alpha;
        assertEquals(exposed(c1, window), at1.dpCommS(), 1e-9);
        assertEquals(exposed(c8, window), at8.dpCommS(), 1e-9);
        assertEquals(exposed(c16, window), at16.dpCommS(), 1e-9);
        assertEquals(at1.iterationTimeS() + exposed(c8, window) - exposed(c1, window), at8.iterationTimeS(), 1e-9);
        assertTrue(at8.iterationTimeS() > at1.iterationTimeS() + 0.2, "slower by a quarter of a second: " + at8.iterationTimeS());
        // Nothing else moved: TP stays inside the nodes.
        assertEquals(at1.tpCommS(), at8.tpCommS(), 1e-12);
        assertEquals(at1.computeS(), at8.computeS(), 1e-12);

        // One DP group alone still fits the 8:1 up-link: what the estimate used to cost.
        double alone = new FlowStepModel(eight).collectives().allReduceSeconds(new int[] {0, 8}, Math.round(s));
        assertEquals(c1, alone, 1e-9);
    }

    @Test
    void pipelineSendsOfEveryStagePairShareTheUplinkTheyAllCross() {
        // tp 8, pp 2, dp 2 on four nodes, two a leaf: stage 0 = nodes 0-1 (leaf 0), stage 1 = nodes 2-3
        // (leaf 1). The 16 stage neighbours (r, r + 16) all send across leaf 0's up-link at once.
        TrainingJobSpec job = job(new ParallelismSpec(8, 2, 2, 1), 64);
        int[] gpus = range(32);
        Topology full = cluster(4, 2, 1.0);
        Topology four = cluster(4, 2, 4.0);
        StepEstimate at1 = new FlowStepModel(full).estimate(job, full, gpus);
        StepEstimate at4 = new FlowStepModel(four).estimate(job, four, gpus);
        // Megatron's scatter/gather: b·s·h / t bytes per TP rank (b 1, bf16).
        double bytes = (double) job.model().seqLength() * job.model().hidden() * 2 / 8;
        int sends = 2 * job.microBatchesPerIteration();
        // Up-link: 16 NICs / 4 = 4 NICs for 16 flows: a quarter NIC each, against a whole NIC at 1:1.
        assertEquals(sends * (bytes / (NIC / 4) - bytes / NIC), at4.ppCommS() - at1.ppCommS(), 1e-9);
    }

    @Test
    void aPureDataParallelRingIsOneGroupAndWasAlreadyCostedWithItsChannelsTogether() {
        // tp 1, dp 16: one ring of 16 ranks, 8 channels (one a NIC), all 8 crossing the up-link.
        TrainingJobSpec job = job(new ParallelismSpec(1, 1, 16, 1), 64);
        int[] gpus = range(16);
        Topology eight = cluster(2, 1, 8.0);
        FlowStepModel model = new FlowStepModel(eight);
        StepEstimate at8 = model.estimate(job, eight, gpus);
        double s = Math.round(MemoryModel.stageParams(job) * 2.0);
        double perFlow = 2.0 * 15 / 16 * s / 8;
        double transfer = perFlow / (NIC / 8);
        double c = model.collectives().allReduceSeconds(gpus, Math.round(s));
        assertEquals(transfer, c - 30 * alphaStep(eight), 1e-9);
        assertEquals(exposed(c, new TrainingPerfModel().compute(job, eight, gpus).lastBackwardS()), at8.dpCommS(), 1e-9);
    }

    /** One ring step's alpha across the two leaves: the worst path latency plus the step overhead. */
    private static double alphaStep(Topology t) {
        NetworkGraph g = NetworkGraph.build(t, FabricLayout.of(t));
        return (g.pathLatencyNs(new Routing(g).path(7, 8, 0)) + CollectiveTuning.defaults().stepOverheadNs()) * 1e-9;
    }
}
