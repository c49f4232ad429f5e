package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.LinkKind;
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
 * one leaf and across leaves, and pods; fabrics with four spines, with one spine a pod where placements
 * across leaves are relabelled too, rail-optimised, and with two super-spines a plane) every estimate and every costing a model with the cache gives equals,
 * bit for bit, what a model without it computes afresh: the same iteration time and breakdown,
 * each collective's time, and each flow's path and rate; and the costing the coupling registers
 * (re-planned only where flows leave a node) has the same flows leaving nodes, in the same order.
 */
class FlowStepModelCacheTest {

    /** 16 nodes of 8 H100s (8 NICs) then 8 nodes of 8 A100s (4 NICs), 4 nodes a leaf, 2:1 leaves, 4 spines. */
    static final Topology TOPOLOGY = Topology.build(new ClusterSpec(List.of(
            new NodeGroupSpec("h100", "H100-SXM", 16, 8, 8, 400e9 / 8),
            new NodeGroupSpec("a100", "A100-80GB", 8, 8, 4, 200e9 / 8)),
            new FabricSpec(4, 2.0, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 4, Optional.empty())),
            HardwareCatalog.defaults());
    private static final NetworkGraph GRAPH = NetworkGraph.build(TOPOLOGY, FabricLayout.of(TOPOLOGY));

    static TrainingJobSpec job(ParallelismSpec par) {
        return new TrainingJobSpec("j", ModelCatalog.find("llama3-8b").orElseThrow(), Precision.BF16, 4 * par.dp(), 1, par,
                Recompute.SELECTIVE, 1, 0.8, true, 100, 0, "t", 0, Optional.empty());
    }

    /**
     * One spine a pod (ECMP has nothing to choose), 4 nodes a leaf (4:1), pods of 4 leaves: 18 H100 nodes then 8 A100
     * nodes, so leaf 4 (of pod 1) mixes both kinds and leaf 6 has two nodes; 8:1 spines, which bind between pods.
     */
    static final Topology ONE_SPINE = Topology.build(new ClusterSpec(List.of(
            new NodeGroupSpec("h100", "H100-SXM", 18, 8, 8, 400e9 / 8),
            new NodeGroupSpec("a100", "A100-80GB", 8, 8, 4, 200e9 / 8)),
            new FabricSpec(4, 4.0, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 1,
                    Optional.of(new FabricSpec.Pods(16, 8.0, 1)))),
            HardwareCatalog.defaults());
    /** One spine a pod, 4 nodes a leaf (4:1), pods of 2 leaves (8:1): 20 H100 nodes then 4 A100 nodes, so pod 2 differs. */
    static final Topology THREE_PODS = Topology.build(new ClusterSpec(List.of(
            new NodeGroupSpec("h100", "H100-SXM", 20, 8, 8, 400e9 / 8),
            new NodeGroupSpec("a100", "A100-80GB", 4, 8, 4, 200e9 / 8)),
            new FabricSpec(4, 4.0, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 1,
                    Optional.of(new FabricSpec.Pods(8, 8.0, 1)))),
            HardwareCatalog.defaults());
    /** Rail-optimised, one spine: NIC r of a leaf group's nodes on that group's rail-r leaf. */
    static final Topology RAILS = Topology.build(new ClusterSpec(List.of(
            new NodeGroupSpec("h100", "H100-SXM", 12, 8, 8, 400e9 / 8)),
            new FabricSpec(4, 4.0, 5_000, 1_000).withTiers(FabricSpec.Kind.RAIL_OPTIMISED, 1, Optional.empty())),
            HardwareCatalog.defaults());
    /** One spine a pod but two super-spines a plane: relabelled between leaves of a pod, exact between pods. */
    static final Topology TWO_SUPER_SPINES = Topology.build(new ClusterSpec(List.of(
            new NodeGroupSpec("h100", "H100-SXM", 16, 8, 8, 400e9 / 8)),
            new FabricSpec(2, 1.0, 5_000, 1_000).withTiers(FabricSpec.Kind.LEAF_SPINE, 1,
                    Optional.of(new FabricSpec.Pods(8, 4.0, 2)))),
            HardwareCatalog.defaults());

    @Test
    void keptCostingsEqualFreshOnesOnRandomPlacements() {
        keptCostingsEqualFreshOnes(GRAPH, 7, 300);
    }

    @Test
    void keptCostingsAcrossLeavesEqualFreshOnesWhereEcmpHasOneWay() {
        keptCostingsEqualFreshOnes(NetworkGraph.build(ONE_SPINE, FabricLayout.of(ONE_SPINE)), 11, 300);
        keptCostingsEqualFreshOnes(NetworkGraph.build(THREE_PODS, FabricLayout.of(THREE_PODS)), 19, 300);
        keptCostingsEqualFreshOnes(NetworkGraph.build(RAILS, FabricLayout.of(RAILS)), 13, 200);
        keptCostingsEqualFreshOnes(NetworkGraph.build(TWO_SUPER_SPINES, FabricLayout.of(TWO_SUPER_SPINES)), 17, 200);
    }

    private static void keptCostingsEqualFreshOnes(NetworkGraph graph, long seed, int placements) {
        Topology topology = graph.topology();
        FlowStepModel cached = new FlowStepModel(graph, CollectiveTuning.defaults());
        FlowStepModel fresh = new FlowStepModel(graph, CollectiveTuning.defaults(), 0);
        SplittableRandom random = new SplittableRandom(seed);
        List<ParallelismSpec> shapes = List.of(new ParallelismSpec(2, 1, 4, 1), new ParallelismSpec(4, 2, 2, 1),
                new ParallelismSpec(8, 2, 1, 1), new ParallelismSpec(1, 2, 8, 1), new ParallelismSpec(2, 2, 2, 2),
                new ParallelismSpec(4, 1, 1, 1), new ParallelismSpec(1, 1, 2, 1), new ParallelismSpec(2, 1, 2, 1));
        int replanned = 0;
        for (int i = 0; i < placements; i++) {
            ParallelismSpec par = shapes.get(random.nextInt(shapes.size()));
            int[] gpus = placement(topology, par.gpus(), random);
            // A new job object each time, as the run loop has: the kept costing is found by shape, not identity.
            TrainingJobSpec a = job(par);
            TrainingJobSpec b = job(par);
            long hitsBefore = cached.cacheHits();
            StepEstimate estimate = cached.estimate(a, topology, gpus);
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
            // What the coupling registers: a kept costing re-planned where flows leave a node gives the same flows.
            FlowStepModel.Costing across = cached.costingAcrossNodes(job(par), gpus);
            assertEquals(solved.estimate(), across.estimate(), where);
            assertArrayEquals(solved.occurrenceS(), across.occurrenceS(), where);
            for (int k = 0; k < solved.plans().size(); k++) {
                assertSameFlowsAcrossNodes(graph, solved.plans().get(k), across.plans().get(k), where + " collective " + k);
            }
        }
        assertTrue(replanned > placements / 3, "most placements should repeat a shape seen before: " + replanned);
        assertTrue(cached.cacheMisses() > 20, "and some should be new: " + cached.cacheMisses());
    }

    @Test
    void placementsAcrossLeavesUnderOneSpineReuseTheLeavesShape() {
        FlowStepModel model = new FlowStepModel(NetworkGraph.build(ONE_SPINE, FabricLayout.of(ONE_SPINE)),
                CollectiveTuning.defaults());
        ParallelismSpec par = new ParallelismSpec(8, 1, 2, 1);
        // Nodes 0 and 4 are under leaves 0 and 1, nodes 1 and 5 likewise: one spine, so one path each.
        model.estimate(job(par), ONE_SPINE, nodes(0, 4));
        model.estimate(job(par), ONE_SPINE, nodes(1, 5));
        assertEquals(1, model.cacheHits());
        // Leaves 2 and 3 stand for them too (two leaves of one pod, the same capacities).
        model.estimate(job(par), ONE_SPINE, nodes(8, 12));
        assertEquals(2, model.cacheHits());
        // Leaves of two pods are another shape (their flows cross the super-spine), repeated by nodes 13 and 17.
        model.estimate(job(par), ONE_SPINE, nodes(12, 16));
        model.estimate(job(par), ONE_SPINE, nodes(13, 17));
        assertEquals(3, model.cacheHits());
        // A100 nodes under leaves 4 (mixed kinds) and 5 are not a stand-in for A100 nodes under leaves 5 and 6
        // (two nodes: its up-link carries half a full leaf's, and binds), though nodes and pod are alike.
        model.estimate(job(par), ONE_SPINE, nodes(18, 20));
        model.estimate(job(par), ONE_SPINE, nodes(20, 24));
        assertEquals(3, model.cacheHits());
        model.estimate(job(par), ONE_SPINE, nodes(21, 25));
        assertEquals(4, model.cacheHits());
    }

    @Test
    void placementsAcrossPodsUnderOneSpineReuseThePodsShape() {
        FlowStepModel model = new FlowStepModel(NetworkGraph.build(THREE_PODS, FabricLayout.of(THREE_PODS)),
                CollectiveTuning.defaults());
        ParallelismSpec par = new ParallelismSpec(8, 1, 2, 1);
        // Leaf 1 (pod 0) and leaf 2 (pod 1), then leaves 3 and 4: full H100 leaves, but pod 2 holds A100s too, so
        // its spine's links to the super-spine differ from pod 0's.
        model.estimate(job(par), THREE_PODS, nodes(4, 8));
        model.estimate(job(par), THREE_PODS, nodes(12, 16));
        assertEquals(0, model.cacheHits());
        model.estimate(job(par), THREE_PODS, nodes(5, 9));
        model.estimate(job(par), THREE_PODS, nodes(13, 17));
        assertEquals(2, model.cacheHits());
        // Three leaves of two pods: which leaves share a pod is part of the shape.
        ParallelismSpec three = new ParallelismSpec(8, 1, 3, 1);
        model.estimate(job(three), THREE_PODS, nodes(0, 4, 8));
        model.estimate(job(three), THREE_PODS, nodes(4, 8, 12));
        assertEquals(2, model.cacheHits());
        model.estimate(job(three), THREE_PODS, nodes(1, 5, 9));
        model.estimate(job(three), THREE_PODS, nodes(5, 9, 13));
        assertEquals(4, model.cacheHits());
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

    static void assertSamePlan(CostedPlan solved, CostedPlan kept, String where) {
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

    /** Phase by phase, the flows that leave a node (in order: path, bytes, cap, rate) and the phase times are the same. */
    static void assertSameFlowsAcrossNodes(NetworkGraph graph, CostedPlan full, CostedPlan across, String where) {
        assertEquals(full.seconds(), across.seconds(), where);
        for (int p = 0; p < full.plan().phases().size(); p++) {
            List<String> expected = leavingFlows(graph, full, p);
            List<String> actual = p < across.plan().phases().size() ? leavingFlows(graph, across, p) : List.of();
            assertEquals(expected, actual, where + " phase " + p);
            if (p < across.plan().phases().size()) {
                assertEquals(full.transferSeconds()[p], across.transferSeconds()[p], where + " phase " + p);
            }
        }
    }

    private static List<String> leavingFlows(NetworkGraph graph, CostedPlan plan, int p) {
        CollectivePhase phase = plan.plan().phases().get(p);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < phase.flowCount(); i++) {
            boolean leaves = false;
            for (int l : phase.paths()[i]) {
                leaves |= graph.linkKind(l) != LinkKind.NVLINK && graph.linkKind(l) != LinkKind.PCIE;
            }
            if (leaves) {
                // A double's string names it exactly.
                out.add(Arrays.toString(phase.paths()[i]) + " " + phase.bytes()[i] + " " + phase.demandCapsBytesPerS()[i]
                        + " " + plan.rates().get(p)[i]);
            }
        }
        return out;
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
     * {@code n} GPUs: mostly inside one random leaf (so shapes repeat on other nodes) or two neighbouring
     * leaves, sometimes anywhere; a node gives 2, 4 or 8 of its GPUs, one of two fixed local patterns or a random one, and the
     * nodes come in random order.
     */
    static int[] placement(Topology topology, int n, SplittableRandom random) {
        List<Integer> nodes = new ArrayList<>();
        int choice = random.nextInt(10);
        if (choice < 6) {
            int leaf = random.nextInt(topology.leafCount());
            for (int node = 0; node < topology.nodeCount(); node++) {
                if (topology.node(node).leaf() == leaf) {
                    nodes.add(node);
                }
            }
        } else if (choice < 8) {
            // Two neighbouring leaves: across leaves, and a shape that repeats elsewhere.
            int leaf = random.nextInt(Math.max(1, topology.leafCount() - 1));
            for (int node = 0; node < topology.nodeCount(); node++) {
                if (topology.node(node).leaf() == leaf || topology.node(node).leaf() == leaf + 1) {
                    nodes.add(node);
                }
            }
        } else {
            for (int node = 0; node < topology.nodeCount(); node++) {
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
            int base = topology.node(node).firstGpu();
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
