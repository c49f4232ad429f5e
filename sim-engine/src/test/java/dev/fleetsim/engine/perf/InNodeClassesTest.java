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
 * jobs and placements (partial nodes, nodes in any order, two node kinds, PCIe nodes): the estimate, every
 * collective's time, and the coupling's flows; and the costing it keeps gives, re-planned whole, every group's
 * flows and rates of the full solve.
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

    private static long compare(NetworkGraph graph, long seed, int placements) {
        Topology topology = graph.topology();
        FlowStepModel full = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
        SplittableRandom random = new SplittableRandom(seed);
        long classed = 0;
        for (int i = 0; i < placements; i++) {
            // TP 8 fills a node, TP 4 and 2 share one or sit alone on a partial one; PP sends inside and across nodes.
            ParallelismSpec par = SHAPES.get(random.nextInt(SHAPES.size()));
            int[] gpus = FlowStepModelCacheTest.placement(topology, par.gpus(), random);
            String where = "placement " + i + " " + par + " " + Arrays.toString(gpus);
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
            classed += byClass.inNodeClassed();
        }
        return classed;
    }
}
