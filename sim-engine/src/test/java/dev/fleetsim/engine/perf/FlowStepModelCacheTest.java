package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.topology.NodeGroupSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idle costings {@link FlowStepModel} keeps per (job shape, placement shape) change no number:
 * on randomised jobs and placements (partial nodes, nodes in any order, two node kinds, jobs inside
 * one leaf and across leaves) every estimate and every costing a model with the cache gives equals,
 * bit for bit, what a model without it computes afresh: the same iteration time and breakdown,
 * each collective's time, and each flow's path and rate.
 */
class FlowStepModelCacheTest {

    /** 16 nodes of 8 H100s (8 NICs) then 8 nodes of 8 A100s (4 NICs), 4 nodes a leaf, 2:1 leaves, 4 spines. */
    private static final Topology TOPOLOGY = Topology.build(new ClusterSpec(List.of(
            new NodeGroupSpec("h100", "H100-SXM", 16, 8, 8, 400e9 / 8),
            new NodeGroupSpec("a100", "A100-80GB", 8, 8, 4, 200e9 / 8)),
            new FabricSpec(4, 2.0, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 4, Optional.empty())),
            HardwareCatalog.defaults());
    private static final NetworkGraph GRAPH = NetworkGraph.build(TOPOLOGY, FabricLayout.of(TOPOLOGY));

    private static TrainingJobSpec job(ParallelismSpec par) {
        return new TrainingJobSpec("j", ModelCatalog.find("llama3-8b").orElseThrow(), Precision.BF16, 4 * par.dp(), 1, par,
                Recompute.SELECTIVE, 1, 0.8, true, 100, 0, "t", 0, Optional.empty());
    }

    @Test
    void keptCostingsEqualFreshOnesOnRandomPlacements() {
        FlowStepModel cached = new FlowStepModel(GRAPH, CollectiveTuning.defaults());
        FlowStepModel fresh = new FlowStepModel(GRAPH, CollectiveTuning.defaults(), 0);
        SplittableRandom random = new SplittableRandom(7);
        List<ParallelismSpec> shapes = List.of(new ParallelismSpec(2, 1, 4, 1), new ParallelismSpec(4, 2, 2, 1),
                new ParallelismSpec(8, 2, 1, 1), new ParallelismSpec(1, 2, 8, 1), new ParallelismSpec(2, 2, 2, 2),
                new ParallelismSpec(4, 1, 1, 1), new ParallelismSpec(1, 1, 2, 1), new ParallelismSpec(2, 1, 2, 1));
        int replanned = 0;
        for (int i = 0; i < 300; i++) {
            ParallelismSpec par = shapes.get(random.nextInt(shapes.size()));
            int[] gpus = placement(par.gpus(), random);
            // A new job object each time, as the run loop has: the kept costing is found by shape, not identity.
            TrainingJobSpec a = job(par);
            TrainingJobSpec b = job(par);
            long hitsBefore = cached.cacheHits();
            StepEstimate estimate = cached.estimate(a, TOPOLOGY, gpus);
            FlowStepModel.Costing kept = cached.costing(a, gpus);
            replanned += cached.cacheHits() > hitsBefore ? 1 : 0;
            FlowStepModel.Costing solved = fresh.costing(b, gpus);
            String where = "placement " + i + " " + par + " " + Arrays.toString(gpus);
            assertEquals(solved.estimate(), estimate, where);
            assertEquals(solved.estimate(), kept.estimate(), where);
            assertArrayEquals(solved.occurrenceS(), kept.occurrenceS(), where);
            // Records compare arrays by identity; a double's string names it exactly, so compare those.
            assertArrayEquals(solved.compute().windows().tpGemmS(), kept.compute().windows().tpGemmS(), where);
            assertEquals(solved.compute().toString().replaceAll("\\[D@\\w+", ""),
                    kept.compute().toString().replaceAll("\\[D@\\w+", ""), where);
            assertEquals(solved.plans().size(), kept.plans().size(), where);
            for (int k = 0; k < solved.plans().size(); k++) {
                assertSamePlan(solved.plans().get(k), kept.plans().get(k), where + " collective " + k);
            }
        }
        assertTrue(replanned > 100, "most placements should repeat a shape seen before: " + replanned);
        assertTrue(cached.cacheMisses() > 20, "and some should be new: " + cached.cacheMisses());
    }

    @Test
    void placementsAcrossLeavesReuseOnlyTheSameGpus() {
        FlowStepModel model = new FlowStepModel(GRAPH, CollectiveTuning.defaults());
        ParallelismSpec par = new ParallelismSpec(8, 1, 2, 1);
        // Nodes 0 and 4 are under leaves 0 and 1, nodes 1 and 5 likewise: the same relabelled shape,
        // but their flows cross spines picked by a hash of their GPU ids, so neither may stand for the other.
        int[] first = nodes(0, 4);
        int[] second = nodes(1, 5);
        model.estimate(job(par), TOPOLOGY, first);
        model.estimate(job(par), TOPOLOGY, second);
        assertEquals(0, model.cacheHits());
        model.estimate(job(par), TOPOLOGY, first.clone());
        assertEquals(1, model.cacheHits());
        // Inside one leaf the shape is enough: nodes 8 and 9 stand for nodes 0 and 1 (other leaf, same kind).
        model.estimate(job(par), TOPOLOGY, nodes(0, 1));
        model.estimate(job(par), TOPOLOGY, nodes(8, 9));
        assertEquals(2, model.cacheHits());
        // but not for nodes of another kind.
        model.estimate(job(par), TOPOLOGY, nodes(16, 17));
        assertEquals(2, model.cacheHits());
        // On one node (or where each GPU has its own NIC) GPUs 2, 5, 6 and 7 stand for 0, 1, 2 and 3.
        ParallelismSpec four = new ParallelismSpec(4, 1, 1, 1);
        model.estimate(job(four), TOPOLOGY, new int[] {0, 1, 2, 3});
        model.estimate(job(four), TOPOLOGY, new int[] {2 + 24, 5 + 24, 6 + 24, 7 + 24});
        assertEquals(3, model.cacheHits());
    }

    private static void assertSamePlan(CostedPlan solved, CostedPlan kept, String where) {
        assertEquals(solved.seconds(), kept.seconds(), where);
        assertArrayEquals(solved.transferSeconds(), kept.transferSeconds(), where);
        assertEquals(solved.plan().algorithm(), kept.plan().algorithm(), where);
        assertEquals(solved.plan().phases().size(), kept.plan().phases().size(), where);
        for (int p = 0; p < solved.plan().phases().size(); p++) {
            CollectivePhase a = solved.plan().phases().get(p);
            CollectivePhase b = kept.plan().phases().get(p);
            assertTrue(Arrays.deepEquals(a.paths(), b.paths()), where + " phase " + p + " paths");
            assertArrayEquals(a.bytes(), b.bytes(), where);
            assertArrayEquals(a.demandCapsBytesPerS(), b.demandCapsBytesPerS(), where);
            assertEquals(a.alphaPerStepNs(), b.alphaPerStepNs(), where);
            assertArrayEquals(solved.rates().get(p), kept.rates().get(p), where + " phase " + p + " rates");
        }
    }

    private static int[] nodes(int... nodes) {
        int[] out = new int[nodes.length * 8];
        for (int i = 0; i < nodes.length; i++) {
            for (int k = 0; k < 8; k++) {
                out[i * 8 + k] = nodes[i] * 8 + k;
            }
        }
        return out;
    }

    /**
     * {@code n} GPUs: mostly inside one random leaf of one kind (so shapes repeat on other nodes), sometimes
     * anywhere; a node gives 2, 4 or 8 of its GPUs, one of two fixed local patterns or a random one, and the
     * nodes come in random order.
     */
    private static int[] placement(int n, SplittableRandom random) {
        List<Integer> nodes = new ArrayList<>();
        int choice = random.nextInt(10);
        if (choice < 8) {
            int leaf = random.nextInt(TOPOLOGY.leafCount());
            for (int node = 0; node < TOPOLOGY.nodeCount(); node++) {
                if (TOPOLOGY.node(node).leaf() == leaf) {
                    nodes.add(node);
                }
            }
        } else {
            for (int node = 0; node < TOPOLOGY.nodeCount(); node++) {
                nodes.add(node);
            }
        }
        int perNode = n < 8 ? n : random.nextBoolean() ? 8 : random.nextBoolean() ? 4 : 8;
        if (n / perNode > nodes.size()) {
            perNode = 8;
        }
        Collections.shuffle(nodes, new java.util.Random(random.nextLong()));
        if (random.nextInt(3) > 0) {
            // Keep the nodes in id order: what a first-fit placement hands out, and the case that repeats.
            List<Integer> first = new ArrayList<>(nodes.subList(0, Math.min(nodes.size(), (n + perNode - 1) / perNode)));
            Collections.sort(first);
            nodes = first;
        }
        int pattern = random.nextInt(4);
        int[] out = new int[n];
        int at = 0;
        for (int node : nodes) {
            int base = TOPOLOGY.node(node).firstGpu();
            int[] local = pattern == 0 ? new int[] {0, 1, 2, 3, 4, 5, 6, 7} : pattern == 1 ? new int[] {7, 6, 5, 4, 3, 2, 1, 0}
                    : shuffled(random);
            if (pattern == 3) {
                // Any free GPUs of the node, in id order: what a scheduler hands out.
                Arrays.sort(local, 0, Math.min(perNode, n - at));
            }
            for (int k = 0; k < perNode && at < n; k++) {
                out[at++] = base + local[k];
            }
            if (at == n) {
                return out;
            }
        }
        throw new IllegalStateException("not enough nodes for " + n);
    }

    private static int[] shuffled(SplittableRandom random) {
        int[] out = {0, 1, 2, 3, 4, 5, 6, 7};
        for (int i = 7; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
