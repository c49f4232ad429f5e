package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.Clusters;
import dev.fleetsim.engine.network.flow.FlowNetwork;
import dev.fleetsim.engine.network.flow.IsolatedMaxMin;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coster takes a kept phase's rates for a phase with the same paths and caps (a job's
 * reduce-scatter and all-gather on the same rings, its TP collectives), and what it returns is
 * bit for bit a fresh solve's.
 */
class IdleNetworkCosterTest {

    @Test
    void repeatedPhasesTakeKeptRatesThatEqualAFreshSolve() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 16, Clusters.NDR_BYTES_PER_S, 4, 4.0, FabricLayout.leafSpine(2));
        CollectivePlanner planner = new CollectivePlanner(new dev.fleetsim.engine.network.graph.Routing(g),
                CollectiveTuning.defaults());
        IdleNetworkCoster coster = new IdleNetworkCoster(g);
        IsolatedMaxMin fresh = new IsolatedMaxMin(g.capacitiesBytesPerS());
        SplittableRandom rnd = new SplittableRandom(11);
        List<CollectivePlan> plans = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            int size = 2 + rnd.nextInt(40);
            int[] group = Clusters.randomSubset(rnd, g.gpuCount(), size);
            // The same rings three times with other bytes, then other plans in between.
            plans.add(planner.ringReduceScatter(group, 1L << 28, 0));
            plans.add(planner.ringAllGather(group, 1L << 27, 0));
            plans.add(planner.ringAllReduce(group, 1L << 26, 0));
            plans.add(planner.allToAll(group, 1L << 26, k));
            plans.add(planner.ringAllGather(group, 1L << 25, 0));
        }
        for (int p = 0; p < plans.size(); p++) {
            CostedPlan costed = coster.solve(plans.get(p));
            for (int ph = 0; ph < plans.get(p).phases().size(); ph++) {
                CollectivePhase phase = plans.get(p).phases().get(ph);
                double[] expected = fresh.rates(phase.paths(), phase.demandCapsBytesPerS());
                double[] got = costed.rates().get(ph);
                assertEquals(expected.length, got.length);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                            "plan " + p + " phase " + ph + " flow " + i);
                }
            }
        }
        assertTrue(coster.reusedPhases() >= 60, "reused " + coster.reusedPhases());
    }

    @Test
    void aPhaseWithOtherCapsIsSolvedAgain() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 4, Clusters.NDR_BYTES_PER_S, 2, 1.0, FabricLayout.leafSpine(2));
        IdleNetworkCoster coster = new IdleNetworkCoster(g);
        int[] path = {0};
        double c = g.capacityBytesPerS(0);
        CollectivePhase capped = new CollectivePhase(new int[][] {path, path.clone()}, new double[] {1, 1},
                new double[] {c / 4, FlowNetwork.UNCAPPED}, 1, 0);
        CollectivePhase uncapped = new CollectivePhase(new int[][] {path, path.clone()}, new double[] {1, 1},
                new double[] {FlowNetwork.UNCAPPED, FlowNetwork.UNCAPPED}, 1, 0);
        CostedPlan a = coster.solve(new CollectivePlan("t", CollectiveKind.ALL_GATHER, 2, 2, List.of(capped)));
        CostedPlan b = coster.solve(new CollectivePlan("t", CollectiveKind.ALL_GATHER, 2, 2, List.of(uncapped)));
        assertEquals(c / 4, a.rates().get(0)[0], 1e-9 * c);
        assertEquals(3 * c / 4, a.rates().get(0)[1], 1e-9 * c);
        assertEquals(c / 2, b.rates().get(0)[0], 1e-9 * c);
        assertEquals(0, coster.reusedPhases());
    }
}
