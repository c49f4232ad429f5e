package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link GroupCosts} costs a collective from one representative group per kind; the result must
 * be exactly the slowest of all its groups costed one by one, on every kind of placement: whole
 * nodes in order, whole nodes shuffled (leaves interleaved), nodes shuffled inside their leaves,
 * GPUs shuffled inside nodes, GPUs scattered, a cluster of two node kinds, and fragmented placements
 * (partial nodes in random order, {@link PlacementRuns}).
 */
class GroupCostsTest {

    private static final ModelSpec DENSE = ModelCatalog.find("llama3-8b").orElseThrow();
    private static final ModelSpec MOE = ModelCatalog.find("qwen3-30b-a3b").orElseThrow();

    private static Topology uniform(int nodes, int gpusPerNode, int nodesPerLeaf) {
        return Topology.build(new ClusterSpec(List.of(new NodeGroupSpec("n", "H100-SXM", nodes, gpusPerNode, gpusPerNode,
                400e9 / 8)), new FabricSpec(nodesPerLeaf, 4.0, 5_000, 1_000)), HardwareCatalog.defaults());
    }

    private static Topology mixed(int nodes, int nodesPerLeaf) {
        return Topology.build(new ClusterSpec(List.of(
                new NodeGroupSpec("a", "H100-SXM", nodes / 2, 8, 8, 400e9 / 8),
                new NodeGroupSpec("b", "H100-SXM", nodes - nodes / 2, 8, 4, 400e9 / 8)),
                new FabricSpec(nodesPerLeaf, 4.0, 5_000, 1_000)), HardwareCatalog.defaults());
    }

    private static TrainingJobSpec job(ModelSpec model, ParallelismSpec par, int zero) {
        int gbs = par.dp() * 4;
        return new TrainingJobSpec("j", model, Precision.BF16, gbs, 1, par, Recompute.SELECTIVE, zero, 0.8, true, 100, 0,
                "t", 0, Optional.empty());
    }

    private static int[] inOrder(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Whole nodes, in the order {@code nodes} gives, GPUs within a node optionally shuffled. */
    private static int[] byNodes(Topology t, List<Integer> nodes, int gpus, Random random, boolean shuffleWithin) {
        int[] out = new int[gpus];
        int n = 0;
        for (int node : nodes) {
            Topology.Node nd = t.node(node);
            List<Integer> local = new ArrayList<>();
            for (int k = 0; k < nd.gpuCount(); k++) {
                local.add(nd.firstGpu() + k);
            }
            if (shuffleWithin) {
                Collections.shuffle(local, random);
            }
            for (int gpu : local) {
                if (n < gpus) {
                    out[n++] = gpu;
                }
            }
        }
        return out;
    }

    private static List<int[]> placements(Topology t, int gpus, Random random) {
        List<int[]> out = new ArrayList<>();
        out.add(inOrder(gpus));
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < t.nodeCount(); i++) {
            nodes.add(i);
        }
        List<Integer> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        out.add(byNodes(t, shuffled, gpus, random, false));
        // Leaves in reverse order, nodes shuffled inside each leaf: each leaf's nodes stay together.
        List<Integer> byLeaf = new ArrayList<>();
        for (int leaf = t.leafCount() - 1; leaf >= 0; leaf--) {
            List<Integer> inLeaf = new ArrayList<>();
            for (int i : nodes) {
                if (t.node(i).leaf() == leaf) {
                    inLeaf.add(i);
                }
            }
            Collections.shuffle(inLeaf, random);
            byLeaf.addAll(inLeaf);
        }
        out.add(byNodes(t, byLeaf, gpus, random, false));
        out.add(byNodes(t, nodes, gpus, random, true));
        List<Integer> all = new ArrayList<>();
        for (int g = 0; g < t.gpuCount(); g++) {
            all.add(g);
        }
        Collections.shuffle(all, random);
        int[] scattered = new int[gpus];
        for (int i = 0; i < gpus; i++) {
            scattered[i] = all.get(i);
        }
        out.add(scattered);
        return out;
    }

    /**
     * A busy cluster's placement: nodes in random order, from each a random number of its GPUs
     * (others hold the rest), together and shuffled; when that is too few, a second pass takes the
     * rest of each node, so nodes recur (the signature fallback).
     */
    private static int[] fragmented(Topology t, int gpus, Random random) {
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < t.nodeCount(); i++) {
            nodes.add(i);
        }
        Collections.shuffle(nodes, random);
        int[] out = new int[gpus];
        int[] taken = new int[t.nodeCount()];
        int n = 0;
        for (int pass = 0; pass < 2 && n < gpus; pass++) {
            for (int node : nodes) {
                Topology.Node nd = t.node(node);
                int want = pass == 0 ? 1 + random.nextInt(nd.gpuCount()) : nd.gpuCount() - taken[node];
                for (int k = 0; k < want && n < gpus; k++) {
                    out[n++] = nd.firstGpu() + (taken[node]++ * 5 + 3) % nd.gpuCount();
                }
            }
        }
        return out;
    }

    @Test
    void fragmentedPlacementsCostWhatEveryGroupCosts() {
        Random random = new Random(5);
        Topology t = uniform(64, 8, 4);
        List<ParallelismSpec> layouts = List.of(new ParallelismSpec(8, 4, 4, 1), new ParallelismSpec(4, 2, 16, 1),
                new ParallelismSpec(2, 8, 8, 2), new ParallelismSpec(1, 4, 32, 1), new ParallelismSpec(3, 2, 8, 1),
                new ParallelismSpec(2, 4, 2, 1, 8, 1, 1, java.util.OptionalInt.empty(), java.util.OptionalInt.empty()));
        int runsPath = 0;
        for (ParallelismSpec par : layouts) {
            for (int trial = 0; trial < 4; trial++) {
                int[] gpus = fragmented(t, par.gpus(), random);
                runsPath += PlacementRuns.of(t, GroupCosts.classes(t), gpus) != null ? 1 : 0;
                assertSameAsEveryGroup(job(DENSE, par, trial % 2 == 0 ? 1 : 3), t, gpus, "fragmented");
            }
        }
        for (ParallelismSpec par : List.of(new ParallelismSpec(2, 2, 16, 1, 1, 8, 1, java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty()), new ParallelismSpec(1, 4, 16, 1, 2, 4, 1, java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty()))) {
            assertSameAsEveryGroup(job(MOE, par, 1), t, fragmented(t, par.gpus(), random), "fragmented moe");
        }
        assertEquals(true, runsPath > layouts.size(), "most fragmented placements take the run path: " + runsPath);
        // A node met twice, or two node kinds: no run view.
        assertEquals(null, PlacementRuns.of(t, GroupCosts.classes(t), new int[] {0, 1, 8, 2}));
        Topology m = mixed(16, 3);
        assertEquals(null, PlacementRuns.of(m, GroupCosts.classes(m), inOrder(128)));
    }

    private static void assertSameAsEveryGroup(TrainingJobSpec job, Topology t, int[] gpus, String what) {
        AnalyticCollectiveModel model = new AnalyticCollectiveModel(t);
        IterationTraffic traffic = IterationTraffic.of(job, t, gpus);
        GroupCosts costs = GroupCosts.of(model, t);
        for (IterationTraffic.Collective c : traffic.collectives()) {
            double brute = 0;
            for (int[] group : c.groups()) {
                brute = Math.max(brute, model.seconds(c.kind(), group, c.bytes()));
            }
            assertEquals(brute, costs.seconds(c.kind(), c.groups(), c.bytes()), brute * 1e-12,
                    what + " " + job.parallelism() + " " + c.name());
        }
    }

    @Test
    void representativesCostWhatEveryGroupCosts() {
        Random random = new Random(7);
        Topology t = uniform(16, 8, 3);
        List<ParallelismSpec> layouts = List.of(
                new ParallelismSpec(8, 4, 4, 1), new ParallelismSpec(4, 2, 16, 1), new ParallelismSpec(2, 8, 8, 2),
                new ParallelismSpec(16, 2, 4, 1), new ParallelismSpec(1, 4, 32, 1), new ParallelismSpec(4, 2, 4, 1, 4, 1, 1, java.util.OptionalInt.empty(), java.util.OptionalInt.empty()),
                new ParallelismSpec(2, 4, 2, 1, 8, 1, 1, java.util.OptionalInt.empty(), java.util.OptionalInt.empty()), new ParallelismSpec(3, 2, 8, 1));
        for (ParallelismSpec par : layouts) {
            for (int zero : new int[] {0, 1, 3}) {
                TrainingJobSpec job = job(DENSE, par, zero);
                List<int[]> ps = par.gpus() % 8 == 0 ? placements(t, par.gpus(), random) : List.of(inOrder(par.gpus()));
                for (int[] gpus : ps) {
                    assertSameAsEveryGroup(job, t, gpus, "uniform");
                }
            }
        }
    }

    @Test
    void blockPlacementsAreRecognised() {
        Random random = new Random(3);
        Topology t = uniform(16, 8, 3);
        List<int[]> ps = placements(t, 128, random);
        GroupCosts.Classes classes = GroupCosts.classes(t);
        GroupCosts.Blocks ordered = GroupCosts.blocks(t, classes, ps.get(0));
        assertEquals(8, ordered.perNode());
        assertEquals(List.of(2, 2, 2, 5, 5, 5), java.util.Arrays.stream(ordered.leafRunEnd()).limit(6).boxed().toList());
        assertEquals(null, GroupCosts.blocks(t, classes, ps.get(1)).leafRunEnd(), "leaves interleaved");
        assertEquals(16, GroupCosts.blocks(t, classes, ps.get(2)).leaf().length, "nodes shuffled inside leaves");
        assertEquals(16, GroupCosts.blocks(t, classes, ps.get(2)).leafRunEnd().length);
        assertEquals(8, GroupCosts.blocks(t, classes, ps.get(3)).perNode(), "GPUs shuffled inside nodes");
        assertEquals(null, GroupCosts.blocks(t, classes, ps.get(4)), "scattered");
        assertEquals(null, GroupCosts.blocks(mixed(16, 3), GroupCosts.classes(mixed(16, 3)), ps.get(0)), "two node kinds");
    }

    @Test
    void expertGroupsAndOddNodesAndMixedClusters() {
        Random random = new Random(11);
        List<ParallelismSpec> moe = List.of(new ParallelismSpec(2, 2, 16, 1, 1, 8, 1, java.util.OptionalInt.empty(), java.util.OptionalInt.empty()),
                new ParallelismSpec(4, 2, 8, 1, 1, 16, 2, java.util.OptionalInt.empty(), java.util.OptionalInt.empty()), new ParallelismSpec(1, 4, 16, 1, 2, 4, 1, java.util.OptionalInt.empty(), java.util.OptionalInt.empty()));
        Topology t = uniform(16, 8, 3);
        for (ParallelismSpec par : moe) {
            for (int[] gpus : placements(t, par.gpus(), random)) {
                assertSameAsEveryGroup(job(MOE, par, 1), t, gpus, "moe");
            }
        }
        Topology six = uniform(24, 6, 5);
        for (ParallelismSpec par : List.of(new ParallelismSpec(4, 3, 12, 1), new ParallelismSpec(2, 4, 18, 1),
                new ParallelismSpec(3, 2, 24, 1))) {
            for (int[] gpus : placements(six, par.gpus(), random)) {
                assertSameAsEveryGroup(job(DENSE, par, 1), six, gpus, "six per node");
            }
        }
        Topology m = mixed(16, 3);
        for (ParallelismSpec par : List.of(new ParallelismSpec(8, 4, 4, 1), new ParallelismSpec(2, 4, 16, 1))) {
            for (int[] gpus : placements(m, par.gpus(), random)) {
                assertSameAsEveryGroup(job(DENSE, par, 1), m, gpus, "mixed");
            }
        }
    }
}
