package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one costing reuses inside itself changes no number: on random jobs and placements, every
 * collective of a {@link FlowStepModel} costing (without kept costings) equals, bit for bit, the
 * collective planned on all its groups and solved by a fresh {@link FlowCollectiveModel} of its
 * own (no phase kept from another collective, no plan shared with one): the same plan, flows,
 * rates, phase times and time, and the estimate adds up those times.
 */
class FlowStepModelFreshSolveTest {

    @Test
    void everyCollectiveEqualsItsOwnFreshSolve() {
        int shared = 0;
        for (Topology topology : List.of(FlowStepModelCacheTest.TOPOLOGY, FlowStepModelCacheTest.ONE_SPINE,
                FlowStepModelCacheTest.RAILS)) {
            NetworkGraph graph = NetworkGraph.build(topology, FabricLayout.of(topology));
            FlowStepModel model = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
            SplittableRandom random = new SplittableRandom(23);
            List<ParallelismSpec> shapes = List.of(new ParallelismSpec(2, 1, 4, 1), new ParallelismSpec(4, 2, 2, 1),
                    new ParallelismSpec(8, 2, 1, 1), new ParallelismSpec(1, 2, 8, 1), new ParallelismSpec(2, 2, 2, 2),
                    new ParallelismSpec(8, 1, 2, 1), new ParallelismSpec(1, 1, 2, 1));
            for (int i = 0; i < 40; i++) {
                ParallelismSpec par = shapes.get(random.nextInt(shapes.size()));
                int[] gpus = FlowStepModelCacheTest.placement(topology, par.gpus(), random);
                TrainingJobSpec job = FlowStepModelCacheTest.job(par);
                FlowStepModel.Costing costing = model.costing(job, gpus);
                String where = "placement " + i + " " + par + " " + Arrays.toString(gpus);
                IterationTraffic traffic = costing.traffic();
                double[] occurrence = new double[traffic.size()];
                for (int k = 0; k < traffic.size(); k++) {
                    IterationTraffic.Collective c = traffic.get(k);
                    CostedPlan alone = new FlowCollectiveModel(graph, CollectiveTuning.defaults()).costed(c.kind(), c.groups(), c.bytes());
                    CostedPlan got = costing.plans().get(k);
                    FlowStepModelCacheTest.assertSamePlan(alone, got, where + " " + c.name());
                    assertEquals(alone.plan().kind(), got.plan().kind(), where);
                    assertEquals(alone.plan().bytes(), got.plan().bytes(), where);
                    assertEquals(alone.plan().ranks(), got.plan().ranks(), where);
                    occurrence[k] = alone.seconds();
                    for (int j = 0; j < k; j++) {
                        shared += costing.plans().get(j).plan().phases() == got.plan().phases() && !got.plan().phases().isEmpty() ? 1 : 0;
                    }
                }
                assertEquals(IterationTime.estimate(costing.compute(), traffic, occurrence), costing.estimate(), where);
            }
        }
        assertTrue(shared > 50, "collectives with the same flows should share one plan: " + shared);
    }
}
