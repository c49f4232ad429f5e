package dev.fleetsim.engine.network.flow;

import dev.fleetsim.engine.network.Clusters;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link IsolatedMaxMin} answers bit for bit what an empty {@link FlowNetwork} answers for the
 * same flows (the idle costing of every job start relies on it: results must not move).
 */
class IsolatedMaxMinTest {

    /** The rates an empty network gives these flows, read before they are removed again. */
    private static double[] reference(FlowNetwork net, int[][] paths, double[] caps) {
        int[] ids = net.addFlows(paths, caps).addedFlowIds();
        double[] r = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            r[i] = net.rateBytesPerS(ids[i]);
        }
        net.removeFlows(ids);
        return r;
    }

    private static void assertBitIdentical(double[] expected, double[] actual, String where) {
        assertEquals(expected.length, actual.length, where);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    where + " flow " + i + ": " + expected[i] + " against " + actual[i]);
        }
    }

    /** Random flows, many equal capacities (ties between links' shares) and some caps, one reused instance. */
    @ParameterizedTest(name = "equal capacities {0}")
    @ValueSource(booleans = {true, false})
    void randomFlowsGetTheRatesOfAnEmptyFlowNetwork(boolean equalCapacities) {
        SplittableRandom rnd = new SplittableRandom(equalCapacities ? 7 : 8);
        int links = 60;
        double[] cap = new double[links];
        for (int l = 0; l < links; l++) {
            cap[l] = equalCapacities ? 3.0 : 1 + rnd.nextInt(10) + rnd.nextDouble();
        }
        FlowNetwork net = new FlowNetwork(cap);
        IsolatedMaxMin iso = new IsolatedMaxMin(cap);
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(round % 3 == 0 ? 80 : 12);
            int[][] paths = new int[n][];
            double[] caps = new double[n];
            for (int i = 0; i < n; i++) {
                int len = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(5);
                paths[i] = Clusters.randomSubset(rnd, links, len);
                caps[i] = len == 0 || rnd.nextInt(3) == 0 ? 0.25 + rnd.nextInt(8) * 0.5 : FlowNetwork.UNCAPPED;
            }
            assertBitIdentical(reference(net, paths, caps), iso.rates(paths, caps), "round " + round);
        }
    }

    /** The phases the run loop costs: rings, trees and all-to-all of jobs on a 4:1 fat-tree. */
    @Test
    void collectivePhasesGetTheRatesOfAnEmptyFlowNetwork() {
        NetworkGraph g = Clusters.dgx("H100-SXM", 16, Clusters.NDR_BYTES_PER_S, 4, 4.0, FabricLayout.leafSpine(2));
        FlowCollectiveModel model = new FlowCollectiveModel(g, CollectiveTuning.defaults());
        SplittableRandom rnd = new SplittableRandom(3);
        List<CollectivePlan> plans = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            int size = 2 + rnd.nextInt(40);
            int[] group = Clusters.randomSubset(rnd, g.gpuCount(), size);
            long flowKey = rnd.nextLong(1 << 20);
            plans.add(model.planner().ringAllReduce(group, 1L << 28, flowKey));
            plans.add(model.planner().treeAllReduce(group, 1L << 28, flowKey));
            plans.add(model.planner().allToAll(group, 1L << 26, flowKey));
        }
        FlowNetwork net = new FlowNetwork(g);
        IsolatedMaxMin iso = new IsolatedMaxMin(g.capacitiesBytesPerS());
        for (int p = 0; p < plans.size(); p++) {
            for (CollectivePhase ph : plans.get(p).phases()) {
                assertBitIdentical(reference(net, ph.paths(), ph.demandCapsBytesPerS()),
                        iso.rates(ph.paths(), ph.demandCapsBytesPerS()), "plan " + p);
            }
        }
    }

    @Test
    void badFlowsAreRefusedAsTheFlowNetworkRefusesThem() {
        IsolatedMaxMin iso = new IsolatedMaxMin(new double[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> iso.rates(new int[][] {{0, 1, 0}}, new double[] {FlowNetwork.UNCAPPED}));
        assertThrows(IllegalArgumentException.class, () -> iso.rates(new int[][] {{3}}, new double[] {FlowNetwork.UNCAPPED}));
        assertThrows(IllegalArgumentException.class, () -> iso.rates(new int[][] {{}}, new double[] {FlowNetwork.UNCAPPED}));
        assertThrows(IllegalArgumentException.class, () -> iso.rates(new int[][] {{1}}, new double[] {0}));
        // Two flows may share a link; each path lists it once.
        assertArrayEquals(new double[] {1, 1}, iso.rates(new int[][] {{1, 2}, {1}}, new double[] {FlowNetwork.UNCAPPED,
                FlowNetwork.UNCAPPED}), 0.0);
    }
}
