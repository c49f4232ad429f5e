package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fabric keys (kind, spines, pods) and {@code simulation.network}. */
class FabricSectionTest {

    /** 2,048 DGX-H100 nodes (16,384 GPUs), rail-optimised, 3 tiers: the dozen lines the format promises. */
    private static final String SIXTEEN_K = MINIMAL
            .replace("count: 2", "count: 2048")
            .replace("workload:", String.join("\n",
                    "  fabric:",
                    "    kind: rail-optimised",
                    "    nodesPerLeaf: 32",
                    "    oversubscription: 1",
                    "    spines: 32",
                    "    pods: {nodesPerPod: 256, oversubscription: 2, superSpines: 16}",
                    "simulation: {network: analytic}",
                    "workload:"));

    @Test
    void defaultsAreATwoTierLeafSpineWithOneAggregateSpineAndTheFlowNetwork() throws Exception {
        ScenarioSpec spec = load(MINIMAL);
        FabricSpec f = spec.cluster().fabric();
        assertEquals(FabricSpec.Kind.LEAF_SPINE, f.kind());
        assertEquals(1, f.spines());
        assertEquals(Optional.empty(), f.pods());
        assertEquals(NetworkMode.FLOW, spec.simulation().network());
    }

    @Test
    void aSixteenThousandGpuThreeTierFabricReadsBuildsAndRoundTrips() throws Exception {
        ScenarioSpec spec = load(SIXTEEN_K);
        FabricSpec f = spec.cluster().fabric();
        assertEquals(FabricSpec.Kind.RAIL_OPTIMISED, f.kind());
        assertEquals(32, f.spines());
        assertEquals(Optional.of(new FabricSpec.Pods(256, 2.0, 16)), f.pods());
        assertEquals(NetworkMode.ANALYTIC, spec.simulation().network());

        NetworkGraph g = NetworkGraph.build(Topology.build(spec.cluster(), spec.hardware()),
                FabricLayout.of(Topology.build(spec.cluster(), spec.hardware())));
        assertEquals(16_384, g.gpuCount());
        // 2048 / 32 = 64 leaf groups x 8 rails = 512 leaves; pods of 256 / 32 = 8 groups x 8 rails = 64 leaves.
        assertEquals(512, g.leafCount());
        assertEquals(8, g.podCount());
        assertEquals(8 * 32, g.spineCount());
        assertEquals(32 * 16, g.superSpineCount());

        String text = new ScenarioWriter().write(spec);
        assertTrue(text.contains("kind: rail-optimised"), text);
        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
    }

    @Test
    void badFabricKeysAreReportedWithPathsAndSuggestions() {
        List<Problem> p = problems(MINIMAL.replace("workload:", String.join("\n",
                "  fabric:",
                "    kind: rail-optimized",
                "    nodesPerLeaf: 4",
                "    spines: 0",
                "    pods: {nodesPerPod: 6, superSpines: 2}",
                "simulation: {network: packets}",
                "workload:")));
        assertEquals(List.of(
                new Problem("simulation.network", "\"packets\"", "one of analytic, flow"),
                new Problem("cluster.fabric.kind", "\"rail-optimized\"", "one of leaf-spine, rail-optimised (did you mean rail-optimised?)"),
                new Problem("cluster.fabric.spines", "0", "an integer from 1 to 4096"),
                new Problem("cluster.fabric.pods.nodesPerPod", "6",
                        "a multiple of fabric.nodesPerLeaf (4): a pod holds whole leaves")), p);
    }
}
