package dev.fleetsim.engine.run;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The placement text of {@code jobs.csv} on 6 nodes of 8 H100 (GPUs 8n..8n+7 on node n): local
 * GPU runs within a node, and runs of consecutive nodes with the same local set, written out by hand.
 */
class PlacementsTest {
    private static final Topology TOPOLOGY = Topology.build(new ClusterSpec(List.of(new NodeGroupSpec("h", "H100-SXM", 6, 8,
            8, 400e9 / 8)), new FabricSpec(2, 2, 5000, 1000, FabricSpec.Kind.LEAF_SPINE, 1, Optional.empty())),
            HardwareCatalog.defaults());

    private static String describe(int... gpus) {
        return Placements.describe(TOPOLOGY, gpus);
    }

    @Test
    void oneNode() {
        assertEquals("n0[3]", describe(3));
        assertEquals("n0[0-7]", describe(7, 6, 5, 4, 3, 2, 1, 0));
        assertEquals("n2[0-1,4,6-7]", describe(16, 17, 20, 22, 23));
    }

    @Test
    void consecutiveNodesWithTheSameLocalGpusAreOneRun() {
        // 0-15: nodes 0 and 1 whole; 16-23 node 2 whole; 40-47 node 5 whole (node 4 missing).
        assertEquals("n0-n2[0-7] n5[0-7]", describe(range(0, 24, 40, 48)));
        // Same local set on nodes 1 and 3 but not adjacent: two entries; node 2 differs.
        assertEquals("n1[2-3] n2[2] n3[2-3]", describe(10, 11, 18, 26, 27));
        // A run that crosses a node boundary is split at it.
        assertEquals("n0[6-7] n1[0-1]", describe(6, 7, 8, 9));
    }

    @Test
    void emptyPlacementIsEmptyText() {
        assertEquals("", describe());
    }

    private static int[] range(int... bounds) {
        int n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            n += bounds[i + 1] - bounds[i];
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            for (int g = bounds[i]; g < bounds[i + 1]; g++) {
                out[k++] = g;
            }
        }
        return out;
    }
}
