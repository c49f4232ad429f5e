package dev.fleetsim.engine;

import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.topology.FabricSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The switch-level map of a network: the quickstart's 12 nodes under 3 leaves and one spine, every link placed once. */
class NetworkMapTest {
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();

    private static ScenarioSpec cluster(int nodes, FabricSpec fabric) {
        return Scenarios.of("map", 1, Scenarios.homogeneous("H100-SXM", nodes, 8, fabric), List.of(), List.of(),
                new PolicySpec("in-order", Map.of()));
    }

    @Test
    void twelveNodesFourALeafOneSpine() {
        NetworkMap map = NetworkMap.of(cluster(12, new FabricSpec(4, 2, 5000, 1000)));

        assertEquals(12, map.tier(NetworkMap.Tier.NODE).size());
        assertEquals(3, map.tier(NetworkMap.Tier.LEAF).size());
        assertEquals(1, map.tier(NetworkMap.Tier.SPINE).size());
        assertEquals(0, map.tier(NetworkMap.Tier.SUPER_SPINE).size());
        assertEquals("node5", map.vertices().get(5).name());
        assertEquals("h100-sxm: 8 x H100-SXM", map.vertices().get(5).detail());
        // node i hangs under leaf i / 4: 12 node-leaf edges of 8 NICs (16 directed links), 3 leaf-spine edges
        List<NetworkMap.Edge> nodeLeaf = map.edges().stream().filter(e -> e.kind().equals("NIC_LEAF")).toList();
        assertEquals(12, nodeLeaf.size());
        for (NetworkMap.Edge e : nodeLeaf) {
            assertEquals(12 + e.from() / 4, e.to());
            assertEquals(16, e.links().length);
        }
        assertEquals(3, map.edges().stream().filter(e -> e.kind().equals("LEAF_SPINE")).count());
        // 2:1 oversubscribed: a leaf's up-link carries half of its four nodes' NIC capacity
        double nodeUp = nodeLeaf.get(0).capacityBytesPerS();
        NetworkMap.Edge up = map.edges().stream().filter(e -> e.kind().equals("LEAF_SPINE")).findFirst().orElseThrow();
        assertEquals(4 * nodeUp / 2, up.capacityBytesPerS(), 1e-6 * nodeUp);
    }

    @Test
    void everyLinkIsInExactlyOnePlace() {
        FabricSpec podded = new FabricSpec(2, 1, 5000, 1000).withTiers(FabricSpec.Kind.RAIL_OPTIMISED, 2,
                Optional.of(new FabricSpec.Pods(4, 2, 2)));
        NetworkMap map = NetworkMap.of(cluster(8, podded));

        assertTrue(map.tier(NetworkMap.Tier.SUPER_SPINE).size() > 0, "pods get a super-spine tier");
        int links = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (NetworkMap.Vertex v : map.vertices()) {
            for (int l : v.internalLinks()) {
                assertTrue(seen.add(l), "link " + l + " twice");
                links++;
            }
        }
        for (NetworkMap.Edge e : map.edges()) {
            for (int l : e.links()) {
                assertTrue(seen.add(l), "link " + l + " twice");
                links++;
            }
        }
        assertEquals(seen.size(), links);
        assertEquals(java.util.stream.IntStream.range(0, links).boxed().collect(java.util.stream.Collectors.toSet()), seen,
                "link ids 0..n-1, none left out");
    }
}
