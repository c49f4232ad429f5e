package dev.fleetsim.policies;

import dev.fleetsim.engine.cluster.ClusterState;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.policies.placement.FirstFitPlacement;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstFitPlacementTest {
    private final Topology topology = Topology.build(
            Scenarios.homogeneous("H100-SXM", 3, 8, Scenarios.DEFAULT_FABRIC), HardwareCatalog.defaults());
    private final ClusterState state = new ClusterState(topology);
    private final FirstFitPlacement firstFit = new FirstFitPlacement();

    private JobView job(int gpus) {
        return JobView.submitted(JobTraits.of(Scenarios.dataParallelJob("j" + gpus,
                ModelCatalog.find("gpt-1.3b").orElseThrow(), gpus, gpus, 1, 0, "t"), List.of("H100-SXM"), 1.0));
    }

    @Test
    void smallJobGoesToTheFirstNodeWithRoom() {
        state.allocate(0, new int[] {0, 1, 2, 3, 4, 5});      // node 0 has 2 free
        int[] got = firstFit.place(job(4), state.readOnlyView(), new BitSet()).orElseThrow();
        assertArrayEquals(new int[] {8, 9, 10, 11}, got);    // node 1, not split across nodes 0 and 1
    }

    @Test
    void largeJobTakesWholeFreeNodesBeforePartlyUsedOnes() {
        state.allocate(0, new int[] {8});                     // node 1 partly used
        int[] got = firstFit.place(job(12), state.readOnlyView(), new BitSet()).orElseThrow();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19}, got);
    }

    @Test
    void gpusPromisedEarlierInTheRoundAreNotReused() {
        BitSet taken = new BitSet();
        taken.set(0, 20);
        assertTrue(firstFit.place(job(8), state.readOnlyView(), taken).isEmpty());
        assertArrayEquals(new int[] {20, 21, 22, 23}, firstFit.place(job(4), state.readOnlyView(), taken).orElseThrow());
    }
}
