package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's indexed "first node with k free GPUs" answers what a walk over the nodes answers
 * (ClusterView's default), on a mixed cluster (three types, nodes of 8 and 4 GPUs, groups
 * interleaved) through thousands of random allocations and releases.
 */
class FreeNodeIndexTest {

    @Test
    void indexAnswersAsTheWalkDoesThroughRandomAllocations() {
        ClusterSpec spec = new ClusterSpec(List.of(
                new NodeGroupSpec("a", "H100-SXM", 37, 8, 8, 50e9),
                new NodeGroupSpec("b", "A100-80GB", 5, 4, 4, 25e9),
                new NodeGroupSpec("c", "H100-SXM", 11, 4, 4, 50e9),
                new NodeGroupSpec("d", "H200", 1, 8, 8, 50e9)), Scenarios.DEFAULT_FABRIC);
        Topology topology = Topology.build(spec, HardwareCatalog.defaults());
        ClusterState state = new ClusterState(topology);
        ClusterView view = state.readOnlyView();
        ClusterView walk = new ClusterView() {
            @Override public Topology topology() { return topology; }
            @Override public boolean isFree(int gpu) { return state.isFree(gpu); }
            @Override public int freeGpuCount() { return state.freeGpuCount(); }
            @Override public int freeGpusOnNode(int node) { return state.freeGpusOnNode(node); }
            @Override public int freeGpusOfType(String t) { return state.freeGpusOfType(t); }
            @Override public int totalGpusOfType(String t) { return state.totalGpusOfType(t); }
        };
        SplittableRandom r = new SplittableRandom(5);
        List<int[]> held = new ArrayList<>();
        String[] types = {"H100-SXM", "A100-80GB", "H200", "B200"};
        for (int step = 0; step < 4_000; step++) {
            if (!held.isEmpty() && (r.nextInt(3) == 0 || state.freeGpuCount() < 8)) {
                int i = r.nextInt(held.size());
                state.release(i, held.get(i));
                held.set(i, new int[0]);
            } else {
                int want = 1 + r.nextInt(6);
                List<Integer> free = new ArrayList<>();
                for (int g = 0; g < topology.gpuCount() && free.size() < 64; g++) {
                    if (state.isFree(g)) {
                        free.add(g);
                    }
                }
                int[] gpus = new int[Math.min(want, free.size())];
                for (int k = 0; k < gpus.length; k++) {
                    gpus[k] = free.remove(r.nextInt(free.size()));
                }
                state.allocate(held.size(), gpus);
                held.add(gpus);
            }
            for (int q = 0; q < 20; q++) {
                String type = types[r.nextInt(types.length)];
                int k = r.nextInt(10);
                int from = r.nextInt(-2, topology.nodeCount() + 2);
                assertEquals(walk.firstNodeWithFree(type, k, from), view.firstNodeWithFree(type, k, from),
                        () -> "step, type " + type + ", at least " + k + " from node " + from);
            }
        }
    }
}
