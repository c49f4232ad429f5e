package dev.fleetsim.engine.network.graph;

import dev.fleetsim.engine.network.Clusters;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingPropertyTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    /** A random layout: leaf-spine or rail, 1-3 spines, sometimes pods, mixed node groups. */
    private static NetworkGraph randomGraph(SplittableRandom rnd) {
        FabricLayout layout = rnd.nextBoolean() ? FabricLayout.leafSpine(1 + rnd.nextInt(3))
                : FabricLayout.railOptimised(1 + rnd.nextInt(3));
        if (rnd.nextBoolean()) {
            layout = layout.withPods(1 + rnd.nextInt(3), 1 + rnd.nextInt(2), 1 + rnd.nextInt(3));
        }
        return Clusters.graph(List.of(
                        new NodeGroupSpec("a", "H100-SXM", 1 + rnd.nextInt(5), 1 + rnd.nextInt(4), 1 + rnd.nextInt(4), 50e9),
                        new NodeGroupSpec("b", "L40S", 1 + rnd.nextInt(3), 1 + rnd.nextInt(4), 1, 25e9)),
                1 + rnd.nextInt(3), 1 + rnd.nextInt(3), layout);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pathsAreContiguousAndAsShortAsABreadthFirstSearch(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        NetworkGraph g = randomGraph(rnd);
        Routing r = new Routing(g);
        for (int trial = 0; trial < 50; trial++) {
            int src = rnd.nextInt(g.gpuCount());
            int dst = rnd.nextInt(g.gpuCount());
            if (src == dst) {
                continue;
            }
            int[] path = r.path(src, dst, rnd.nextLong());
            String where = "seed " + seed + " " + src + "->" + dst;
            assertEquals(src, g.linkFrom(path[0]), where);
            assertEquals(dst, g.linkTo(path[path.length - 1]), where);
            for (int i = 1; i < path.length; i++) {
                assertEquals(g.linkTo(path[i - 1]), g.linkFrom(path[i]), where + " is not contiguous");
            }
            assertEquals(bfsHops(g, src, dst), path.length, where + " is not a shortest path");
        }
    }

    @Test
    void ecmpIsDeterministicAndSpreadsEvenlyOverSpines() {
        FabricLayout layout = FabricLayout.leafSpine(8).withPods(1, 4, 1.0);
        NetworkGraph g1 = Clusters.dgx("H100-SXM", 4, Clusters.NDR_BYTES_PER_S, 2, 1.0, layout);
        NetworkGraph g2 = Clusters.dgx("H100-SXM", 4, Clusters.NDR_BYTES_PER_S, 2, 1.0, layout);
        Routing r1 = new Routing(g1);
        Routing r2 = new Routing(g2);
        int keys = 16_000;
        int[] perSpine = new int[g1.spineCount()];
        int[] perSuper = new int[g1.superSpineCount()];
        for (long key = 0; key < keys; key++) {
            int[] p = r1.path(0, 31, key);
            assertArrayEquals(p, r1.path(0, 31, key), "same key, same path");
            assertArrayEquals(p, r2.path(0, 31, key), "same key on an identical graph, same path");
            perSpine[g1.linkTo(p[2]) - g1.vertex(VertexKind.SPINE, 0)]++;
            perSuper[g1.linkTo(p[3]) - g1.vertex(VertexKind.SUPER_SPINE, 0)]++;
        }
        // Source pod is pod 0: its 8 spines each take ~1/8 of the keys; 32 super-spines ~1/32.
        for (int s = 0; s < 8; s++) {
            assertTrue(Math.abs(perSpine[s] - keys / 8.0) < 0.1 * keys / 8, "spine " + s + ": " + Arrays.toString(perSpine));
        }
        for (int k = 0; k < perSuper.length; k++) {
            assertTrue(Math.abs(perSuper[k] - keys / 32.0) < 0.2 * keys / 32, "super " + k + ": " + Arrays.toString(perSuper));
        }
    }

    private static int bfsHops(NetworkGraph g, int src, int dst) {
        int[] dist = new int[g.vertexCount()];
        Arrays.fill(dist, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        dist[src] = 0;
        queue.add(src);
        while (!queue.isEmpty()) {
            int v = queue.poll();
            if (v == dst) {
                return dist[v];
            }
            for (int l : g.outLinks(v)) {
                int w = g.linkTo(l);
                // GPUs do not forward traffic, as in the real system.
                if (dist[w] < 0 && (w == dst || g.vertexKind(w) != VertexKind.GPU)) {
                    dist[w] = dist[v] + 1;
                    queue.add(w);
                }
            }
        }
        return -1;
    }
}
