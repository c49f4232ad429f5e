package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Groups reused across rounds are the groups a round would build afresh: over 300 rounds of
 * random free-GPU changes on 12 nodes, every window list equals (node by node, free counts
 * included) the runs built from that round's nodes, and a round that changes nothing gets the
 * very same list back.
 */
class GroupCacheTest {

    @Test
    void reusedWindowsAreTheWindowsOfTheRound() {
        Topology topology = Topology.build(
                Scenarios.homogeneous("H100-SXM", 12, 8, Scenarios.DEFAULT_FABRIC), HardwareCatalog.defaults());
        GroupCache cache = new GroupCache(topology);
        Random r = new Random(5);
        int[] free = new int[12];
        for (int round = 0; round < 300; round++) {
            for (int change = r.nextInt(3); change >= 0; change--) {
                free[r.nextInt(12)] = r.nextInt(9);
            }
            List<GpuNode> nodes = new ArrayList<>();
            for (Topology.Node n : topology.nodes()) {
                if (free[n.index()] > 0) {
                    nodes.add(cache.node(n, free[n.index()]));
                }
            }
            for (int d : new int[] {1, 2, 4, 8}) {
                for (int k : new int[] {1, 2, 3}) {
                    List<GpuGroup> got = cache.windows(0, nodes, d, k);
                    assertEquals(describe(fresh(nodes, d, k)), describe(got), "round " + round + ", " + k + " x " + d);
                    assertSame(got, cache.windows(0, nodes, d, k));
                }
            }
        }
    }

    private static List<GpuGroup> fresh(List<GpuNode> nodes, int d, int k) {
        List<GpuNode> eligible = new ArrayList<>();
        for (GpuNode n : nodes) {
            if (n.freeGpus() >= d) {
                eligible.add(n);
            }
        }
        List<GpuGroup> out = new ArrayList<>();
        for (int i = 0; i + k <= eligible.size(); i++) {
            out.add(GpuGroup.of(eligible.subList(i, i + k), d));
        }
        return out;
    }

    private static List<String> describe(List<GpuGroup> groups) {
        List<String> out = new ArrayList<>();
        for (GpuGroup g : groups) {
            StringBuilder b = new StringBuilder(g.id()).append(" leaves=").append(g.leafCount()).append(':');
            for (NodeShare s : g.shares()) {
                b.append(' ').append(s.node()).append('+').append(s.gpus());
            }
            out.add(b.toString());
        }
        return out;
    }
}
