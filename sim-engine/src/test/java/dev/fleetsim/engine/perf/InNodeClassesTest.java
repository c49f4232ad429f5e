package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new placement costed with the groups alone on a node solved once per class ({@link InNodeClasses}, what
 * {@link FlowStepModel#estimate} and {@link FlowStepModel#costingAcrossNodes} do on a miss) equals the full
 * solve of every group ({@link FlowStepModel#costing} on a model without kept costings) bit for bit, on random
 * jobs and placements (partial nodes, nodes in any order, two node kinds, PCIe nodes, rails, pods) and on block
 * placements of several stages across leaves (TP groups classed beside DP rings and pipeline sends across
 * leaves): the estimate, every collective's time, and the coupling's flows, also in the run loop's order (an
 * estimate, then the coupling's costing); and the costing it keeps gives, re-planned whole, every group's flows
 * and rates of the full solve.
 */
class InNodeClassesTest {

    /** 8 H100 nodes, then 4 L40S nodes (PCIe, no NVSwitch), 4 nodes a leaf, one spine. */
    private static final Topology PCIE = Topology.build(new ClusterSpec(List.of(
            new NodeGroupSpec("h100", "H100-SXM", 8, 8, 8, 400e9 / 8),
            new NodeGroupSpec("l40s", "L40S", 4, 8, 4, 200e9 / 8)),
            new FabricSpec(4, 2.0, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 1, Optional.empty())),
            HardwareCatalog.defaults());

    private static final List<ParallelismSpec> SHAPES = List.of(new ParallelismSpec(2, 1, 4, 1), new ParallelismSpec(4, 2, 2, 1),
            new ParallelismSpec(8, 2, 1, 1), new ParallelismSpec(1, 2, 8, 1), new ParallelismSpec(2, 2, 2, 2),
            new ParallelismSpec(8, 1, 2, 1), new ParallelismSpec(4, 1, 4, 1), new ParallelismSpec(1, 1, 2, 1));

    @Test
    void newPlacementsCostedByClassEqualTheFullSolve() {
        long classed = 0;
        int seed = 31;
        for (Topology topology : List.of(FlowStepModelCacheTest.TOPOLOGY, FlowStepModelCacheTest.ONE_SPINE,
                FlowStepModelCacheTest.RAILS, PCIE)) {
            classed += compare(NetworkGraph.build(topology, FabricLayout.of(topology)), seed++, 80);
        }
        assertTrue(classed > 50, "groups alone on a node should be costed by class: " + classed);
    }

    /** Shapes of several stages and DP groups across nodes: TP 8 fills a node, TP 4 and 2 share one. */
    private static final List<ParallelismSpec> BLOCK_SHAPES = List.of(new ParallelismSpec(8, 2, 4, 1),
            new ParallelismSpec(8, 4, 2, 1), new ParallelismSpec(4, 2, 8, 1), new ParallelismSpec(2, 4, 8, 1),
            new ParallelismSpec(8, 3, 2, 1), new ParallelismSpec(4, 4, 4, 1), new ParallelismSpec(1, 2, 16, 1),
            new ParallelismSpec(2, 2, 2, 2));

    @Test
    void blockPlacementsAcrossLeavesCostedByClassEqualTheFullSolve() {
        long classed = 0;
        int seed = 41;
        for (Topology topology : List.of(FlowStepModelCacheTest.TOPOLOGY, FlowStepModelCacheTest.ONE_SPINE,
                FlowStepModelCacheTest.THREE_PODS, FlowStepModelCacheTest.RAILS, FlowStepModelCacheTest.TWO_SUPER_SPINES, PCIE)) {
            NetworkGraph graph = NetworkGraph.build(topology, FabricLayout.of(topology));
            SplittableRandom random = new SplittableRandom(seed++);
            for (int i = 0; i < 40; i++) {
                ParallelismSpec par = BLOCK_SHAPES.get(random.nextInt(BLOCK_SHAPES.size()));
                if (par.gpus() > topology.gpuCount()) {
                    continue;
                }
                classed += compareOne(graph, par, block(topology, par.gpus(), random), "block " + i);
            }
        }
        assertTrue(classed > 100, "TP groups of block placements should be costed by class: " + classed);
    }

    /**
     * {@code n} GPUs on consecutive nodes from a random one (often the first of a leaf): a node's GPUs in id order,
     * reversed, or (sometimes) only its first half, so stages and DP rings repeat leaf by leaf.
     */
    private static int[] block(Topology topology, int n, SplittableRandom random) {
        int perNode = random.nextInt(4) == 0 && n / 4 <= topology.nodeCount() ? 4 : 8;
        int nodes = (n + perNode - 1) / perNode;
        int firstMax = topology.nodeCount() - nodes;
        int first = random.nextBoolean() ? 0 : random.nextInt(firstMax + 1);
        int nodesPerLeaf = topology.fabric().nodesPerLeaf();
        if (random.nextBoolean()) {
            first = Math.min(firstMax, first / nodesPerLeaf * nodesPerLeaf);
        }
        boolean reversed = random.nextInt(3) == 0;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            Topology.Node node = topology.node(first + i / perNode);
            int k = i % perNode;
            out[i] = node.firstGpu() + (reversed ? node.gpuCount() - 1 - k : k);
        }
        return out;
    }

    private static long compare(NetworkGraph graph, long seed, int placements) {
        Topology topology = graph.topology();
        SplittableRandom random = new SplittableRandom(seed);
        long classed = 0;
        for (int i = 0; i < placements; i++) {
            // TP 8 fills a node, TP 4 and 2 share one or sit alone on a partial one; PP sends inside and across nodes.
            ParallelismSpec par = SHAPES.get(random.nextInt(SHAPES.size()));
            int[] gpus = FlowStepModelCacheTest.placement(topology, par.gpus(), random);
            classed += compareOne(graph, par, gpus, "placement " + i);
        }
        return classed;
    }

    /** Groups classed. */
    private static long compareOne(NetworkGraph graph, ParallelismSpec par, int[] gpus, String label) {
        Topology topology = graph.topology();
        FlowStepModel full = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
        String where = label + " " + par + " " + Arrays.toString(gpus);
        FlowStepModel.Costing solved = full.costing(FlowStepModelCacheTest.job(par), gpus);

        FlowStepModel byEstimate = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
        assertEquals(solved.estimate(), byEstimate.estimate(FlowStepModelCacheTest.job(par), topology, gpus), where);

        // The coupling's costing of a new shape, and the same asked of a kept full solve.
        FlowStepModel byClass = new FlowStepModel(graph, CollectiveTuning.defaults());
        FlowStepModel.Costing across = byClass.costingAcrossNodes(FlowStepModelCacheTest.job(par), gpus);
        FlowStepModel reference = new FlowStepModel(graph, CollectiveTuning.defaults());
        reference.costing(FlowStepModelCacheTest.job(par), gpus);
        FlowStepModel.Costing replanned = reference.costingAcrossNodes(FlowStepModelCacheTest.job(par), gpus);
        assertEquals(solved.estimate(), across.estimate(), where);
        assertArrayEquals(solved.occurrenceS(), across.occurrenceS(), where);
        for (int k = 0; k < solved.plans().size(); k++) {
            FlowStepModelCacheTest.assertSameFlowsAcrossNodes(graph, solved.plans().get(k), across.plans().get(k), where + " " + k);
            FlowStepModelCacheTest.assertSamePlan(replanned.plans().get(k), across.plans().get(k), where + " coupling " + k);
        }
        // What it kept, re-planned whole (a later job of the same shape), is the full solve.
        TrainingJobSpec later = FlowStepModelCacheTest.job(par);
        FlowStepModel.Costing whole = byClass.costing(later, gpus);
        assertEquals(1, byClass.cacheHits(), where);
        for (int k = 0; k < solved.plans().size(); k++) {
            FlowStepModelCacheTest.assertSamePlan(solved.plans().get(k), whole.plans().get(k), where + " whole " + k);
        }
        // The run loop's order: an estimate, then the coupling's costing of the same job and GPUs.
        FlowStepModel runLoop = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
        TrainingJobSpec started = FlowStepModelCacheTest.job(par);
        assertEquals(solved.estimate(), runLoop.estimate(started, topology, gpus), where);
        FlowStepModel.Costing registered = runLoop.costingAcrossNodes(started, gpus);
        for (int k = 0; k < solved.plans().size(); k++) {
            FlowStepModelCacheTest.assertSamePlan(replanned.plans().get(k), registered.plans().get(k), where + " run loop " + k);
        }
        return byClass.inNodeClassed();
    }
}
