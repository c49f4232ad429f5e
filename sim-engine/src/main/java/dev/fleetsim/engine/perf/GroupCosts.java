package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.topology.Topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Costs a collective on all its concurrent groups with the analytic model without costing every
 * group: the analytic time of a group depends only on which kind of node each run of its members
 * sits on (GPU type, GPUs, NICs and their rate), how many members each node holds and whether the
 * group spans leaves, so groups with the same signature cost the same and each signature is costed
 * once. Groups whose members revisit a node after leaving it (a scattered placement) are costed
 * one by one. Any other collective model (the flow model costs concurrent groups together) is
 * asked directly.
 */
final class GroupCosts {

    private static volatile Classes lastClasses;

    private GroupCosts() {
    }

    static double seconds(CollectiveModel model, Topology topology, CollectiveKind kind, List<int[]> groups, long bytes) {
        if (!(model instanceof AnalyticCollectiveModel) || !(groups instanceof GroupList)) {
            return model.seconds(kind, groups, bytes);
        }
        GroupList list = (GroupList) groups;
        int size = list.groupSize();
        if (size < 2 || bytes <= 0) {
            return 0.0;
        }
        Classes classes = classes(topology);
        int[] buffer = new int[size];
        Map<Long, Double> costed = new HashMap<>();
        double worst = 0.0;
        long lastSignature = SCATTERED;
        double lastCost = 0.0;
        for (int i = 0; i < list.size(); i++) {
            list.fill(i, buffer);
            long signature = signature(topology, classes, buffer);
            double t;
            if (signature == SCATTERED) {
                t = model.seconds(kind, buffer, bytes);
            } else if (signature == lastSignature) {
                // Neighbouring groups usually look alike: skip the map (and its boxing).
                t = lastCost;
            } else {
                Double known = costed.get(signature);
                if (known == null) {
                    known = model.seconds(kind, buffer, bytes);
                    costed.put(signature, known);
                }
                t = known;
                lastSignature = signature;
                lastCost = t;
            }
            worst = Math.max(worst, t);
        }
        return worst;
    }

    private static final long SCATTERED = Long.MIN_VALUE;

    /** A 64-bit mix of the runs (node class, members) in order and the leaf span; SCATTERED when a node recurs. */
    private static long signature(Topology topology, Classes classes, int[] group) {
        long h = 0x9E3779B97F4A7C15L;
        int previousNode = -1;
        int run = 0;
        int firstLeaf = -1;
        boolean spansLeaves = false;
        int highestNode = -1;
        for (int gpu : group) {
            int node = topology.nodeOf(gpu);
            if (node != previousNode) {
                if (previousNode >= 0) {
                    h = mix(h, ((long) classes.ofNode[previousNode] << 32) | run);
                }
                if (node <= highestNode) {
                    return SCATTERED;
                }
                highestNode = node;
                int leaf = classes.leafOfNode[node];
                if (firstLeaf < 0) {
                    firstLeaf = leaf;
                } else if (leaf != firstLeaf) {
                    spansLeaves = true;
                }
                previousNode = node;
                run = 0;
            }
            run++;
        }
        h = mix(h, ((long) classes.ofNode[previousNode] << 32) | run);
        return mix(h, spansLeaves ? 1 : 0);
    }

    private static long mix(long h, long v) {
        long z = h ^ (v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Per node: a class id (equal for nodes the analytic model cannot tell apart) and its leaf. */
    private record Classes(Topology topology, int[] ofNode, int[] leafOfNode) {
    }

    private static Classes classes(Topology topology) {
        Classes c = lastClasses;
        if (c != null && c.topology() == topology) {
            return c;
        }
        int n = topology.nodeCount();
        int[] ofNode = new int[n];
        int[] leaf = new int[n];
        Map<List<Object>, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Topology.Node node = topology.node(i);
            List<Object> key = List.of(node.gpu(), node.gpuCount(), node.nics(), node.nicBandwidthBytesPerS());
            ofNode[i] = ids.computeIfAbsent(key, k -> ids.size());
            leaf[i] = node.leaf();
        }
        c = new Classes(topology, ofNode, leaf);
        lastClasses = c;
        return c;
    }
}
