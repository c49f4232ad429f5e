package dev.fleetsim.policies.placement;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Topology-aware placement: the costly traffic stays on the fastest links. Tensor-parallel
 * groups (the {@code tp} consecutive ranks that all-reduce every layer) always stay inside one
 * node's NVLink domain: a job waits rather than split one. A group wider than a node takes whole
 * free nodes. Then, in order of preference: the whole job in one node (the tightest that holds
 * it); the whole job under one leaf switch (the tightest leaf that holds it, its roomiest nodes
 * first, so data-parallel rings cross no spine); only then across leaves, roomiest leaves and
 * nodes first, so as few leaves as possible share the job. Ties go to lower indices.
 */
public final class TopologyAwarePlacement implements PlacementStrategy {

    @Override
    public Optional<int[]> place(JobView job, ClusterView cluster, BitSet taken) {
        for (String type : job.feasibleGpuTypes()) {
            if (FreeGpus.ofType(type, cluster, taken) < job.gpus()) {
                continue;
            }
            Optional<int[]> found = placeOnType(job, FreeGpus.nodesOfType(type, cluster, taken), cluster, taken);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<int[]> placeOnType(JobView job, List<Topology.Node> nodes, ClusterView cluster, BitSet taken) {
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        int need = job.gpus();
        int tp = job.gpusPerGroup();
        int nodeSize = nodes.get(0).gpuCount();
        // A group wider than a node spans whole nodes; a job of whole groups then needs whole free nodes.
        boolean wholeNodes = tp > nodeSize;
        int unit = wholeNodes ? nodeSize : tp;
        if (need % unit != 0) {
            unit = 1;
            wholeNodes = false;
        }
        int unitsNeeded = need / unit;
        int[] slots = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Topology.Node n = nodes.get(i);
            int free = FreeGpus.onNode(n, cluster, taken);
            slots[i] = wholeNodes ? (free == n.gpuCount() && n.gpuCount() == nodeSize ? 1 : 0) : free / unit;
        }
        // 1. One node, the tightest that holds the whole job.
        int best = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (slots[i] >= unitsNeeded && (best < 0 || slots[i] < slots[best])) {
                best = i;
            }
        }
        if (best >= 0) {
            return Optional.of(collect(List.of(best), new int[] {unitsNeeded}, unit, need, nodes, cluster, taken));
        }
        // 2. One leaf, the tightest that holds it.
        TreeMap<Integer, List<Integer>> byLeaf = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (slots[i] > 0) {
                byLeaf.computeIfAbsent(nodes.get(i).leaf(), k -> new ArrayList<>()).add(i);
            }
        }
        List<Integer> bestLeaf = null;
        int bestLeafSlots = Integer.MAX_VALUE;
        int allSlots = 0;
        for (List<Integer> members : byLeaf.values()) {
            int leafSlots = members.stream().mapToInt(i -> slots[i]).sum();
            allSlots += leafSlots;
            if (leafSlots >= unitsNeeded && leafSlots < bestLeafSlots) {
                bestLeaf = members;
                bestLeafSlots = leafSlots;
            }
        }
        if (bestLeaf != null) {
            return Optional.of(fill(roomiestFirst(bestLeaf, slots), slots, unitsNeeded, unit, need, nodes, cluster, taken));
        }
        if (allSlots < unitsNeeded) {
            return Optional.empty();
        }
        // 3. Across leaves: roomiest leaves first, roomiest nodes first inside each.
        List<List<Integer>> leaves = new ArrayList<>(byLeaf.values());
        leaves.sort(Comparator.comparingInt((List<Integer> l) -> -l.stream().mapToInt(i -> slots[i]).sum()));
        List<Integer> order = new ArrayList<>();
        for (List<Integer> leaf : leaves) {
            order.addAll(roomiestFirst(leaf, slots));
        }
        return Optional.of(fill(order, slots, unitsNeeded, unit, need, nodes, cluster, taken));
    }

    private static List<Integer> roomiestFirst(List<Integer> members, int[] slots) {
        List<Integer> out = new ArrayList<>(members);
        out.sort(Comparator.comparingInt((Integer i) -> -slots[i]).thenComparingInt(i -> i));
        return out;
    }

    /** Takes units from the nodes in {@code order} until the job is covered. */
    private static int[] fill(List<Integer> order, int[] slots, int unitsNeeded, int unit, int need,
                              List<Topology.Node> nodes, ClusterView cluster, BitSet taken) {
        List<Integer> used = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int left = unitsNeeded;
        for (int i : order) {
            if (left == 0) {
                break;
            }
            int take = Math.min(left, slots[i]);
            used.add(i);
            counts.add(take);
            left -= take;
        }
        return collect(used, counts.stream().mapToInt(Integer::intValue).toArray(), unit, need, nodes, cluster, taken);
    }

    private static int[] collect(List<Integer> used, int[] units, int unit, int need, List<Topology.Node> nodes,
                                 ClusterView cluster, BitSet taken) {
        int[] out = new int[need];
        int filled = 0;
        for (int k = 0; k < used.size(); k++) {
            filled = FreeGpus.collect(nodes.get(used.get(k)), cluster, taken, out, filled, units[k] * unit);
        }
        return out;
    }
}
