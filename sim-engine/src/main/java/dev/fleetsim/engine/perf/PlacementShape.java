package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.Topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a job's idle-network costing on a placement depends on, as a hash key: two placements with
 * equal keys get bit-identical flow costings, so {@link FlowStepModel} reuses one for the other.
 *
 * <p>Why the key is sound. The planner builds a job's flows from the rank order, which node each
 * rank is on and the nodes' kinds only; routing then maps a flow to links, and the max-min solve
 * of an otherwise idle network depends on the links' capacities and on their relative order (the
 * solver breaks ties between equal fair shares by link id). The graph lays out every link inside a
 * node or between a node and its leaf node by node, the same way for every node of a kind, then the
 * leaves' up- and down-links leaf by leaf, then the spines' links spine by spine; so a relabelling
 * of nodes that keeps their order and kinds, of leaves that keeps their order and the capacities of
 * their links, and of pods likewise, maps a placement's flows to another's with the same capacities
 * in the same order: same rates, same times. The one thing no relabelling keeps is an equal-cost
 * choice: a flow between leaves picks its spine (and between pods its super-spine) by a hash of its
 * GPU ids (ECMP). Where a fabric offers one spine a pod (the aggregate spine tier, the default) and
 * one super-spine a plane, that hash has nothing to choose and the path follows from the leaves. So
 * the key is
 * <ul>
 * <li>{@code relabelled}, when the job sits on one node, or every NIC its GPUs use hangs off one
 *     leaf (no flow leaves that leaf), or no hop of a flow between its leaves has more than one way
 *     up: per rank, the ordinal of its node among the job's nodes in id order and its GPU's index on
 *     the node, and per ordinal the node's kind; across leaves also per rank the ordinal of its NIC's
 *     leaf among the job's leaves, per leaf its links' capacities and latencies and its pod's ordinal,
 *     and per pod (when there are several) its spine links'. On one node, or when every GPU of the
 *     job's nodes has a NIC of its own, a GPU's links (to the switch, to its NIC, its NIC's to the
 *     leaf) are laid out by its index alone, in index order, so the index is its ordinal among the
 *     job's GPUs of that node instead: GPUs 2, 5 and 7 of a node stand for 0, 1 and 2;</li>
 * <li>{@code exact} otherwise (several spines or super-spines to pick from, a node without NICs):
 *     the GPU ids themselves.</li>
 * </ul>
 * {@code FlowStepModelCacheTest} checks reused costings against fresh ones on randomised placements.
 * One instance per network graph; not thread-safe (it reuses per-node scratch).
 */
final class PlacementShape {

    /** A node kind: everything the graph builder reads from a node to lay out its links. */
    private record NodeKind(String group, Object gpu, int gpuCount, int nics, double nicBandwidthBytesPerS) {
    }

    /** A leaf's (or a pod's spine's) one up- and one down-link as the solver and the planner see them. */
    private record TierKind(double upBytesPerS, double downBytesPerS, long upLatencyNs, long downLatencyNs) {
    }

    /** Placements on one node or under one leaf, and placements across leaves whose paths the leaves decide. */
    private static final int WITHIN_LEAF = 0;
    private static final int ACROSS_LEAVES = 1;

    /** A job shape (its id, {@link dev.fleetsim.engine.workload.ShapeIds}) on a placement shape; equality is content equality of the codes. */
    static final class Key {
        final int job;
        final boolean exact;
        final int[] codes;
        private final int hash;

        Key(int job, boolean exact, int[] codes) {
            this.job = job;
            this.exact = exact;
            this.codes = codes;
            this.hash = (job * 31 + Arrays.hashCode(codes)) * 2 + (exact ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return hash == k.hash && exact == k.exact && job == k.job && Arrays.equals(codes, k.codes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final NetworkGraph graph;
    private final Topology topology;
    private final int[] kindOfNode;
    private final int maxGpusPerNode;
    private final Distinct nodes;
    private final int[] gpuStamp;
    private final int[] localOfGpu;
    /** Per leaf its {@link TierKind}'s id, -1 where flows between leaves are keyed exactly (several spines, no up-links). */
    private final int[] kindOfLeaf;
    /** Per pod its spine's {@link TierKind}'s id, -1 where flows between pods are keyed exactly. */
    private final int[] kindOfPod;
    private final Distinct leaves;
    private final Distinct pods;
    private int stamp;

    PlacementShape(NetworkGraph graph) {
        this.graph = graph;
        this.topology = graph.topology();
        int n = topology.nodeCount();
        kindOfNode = new int[n];
        Map<NodeKind, Integer> kinds = new HashMap<>();
        int most = 1;
        for (Topology.Node node : topology.nodes()) {
            NodeKind k = new NodeKind(node.group(), node.gpu(), node.gpuCount(), node.nics(), node.nicBandwidthBytesPerS());
            Integer id = kinds.putIfAbsent(k, kinds.size());
            kindOfNode[node.index()] = id == null ? kinds.size() - 1 : id;
            most = Math.max(most, node.gpuCount());
        }
        maxGpusPerNode = most;
        nodes = new Distinct(n);
        gpuStamp = new int[topology.gpuCount()];
        localOfGpu = new int[topology.gpuCount()];
        boolean oneSpine = graph.spinesPerPod() == 1;
        kindOfLeaf = new int[graph.leafCount()];
        Map<TierKind, Integer> tiers = new HashMap<>();
        for (int leaf = 0; leaf < kindOfLeaf.length; leaf++) {
            kindOfLeaf[leaf] = oneSpine ? tierKind(graph.leafUpLink(leaf, 0), graph.leafDownLink(leaf, 0), tiers) : -1;
        }
        kindOfPod = new int[graph.podCount()];
        boolean oneSuperSpine = graph.superSpinesPerPlane() == 1;
        for (int pod = 0; pod < kindOfPod.length; pod++) {
            kindOfPod[pod] = oneSpine && oneSuperSpine && kindOfPod.length > 1
                    ? tierKind(graph.spineUpLink(pod, 0), graph.spineDownLink(pod, 0), tiers) : -1;
        }
        leaves = new Distinct(kindOfLeaf.length);
        pods = new Distinct(kindOfPod.length);
    }

    /** The id of {@code node}'s kind: nodes of one kind lay out their links alike (what {@link InNodeClasses} groups by). */
    int nodeKind(int node) {
        return kindOfNode[node];
    }

    private int tierKind(int up, int down, Map<TierKind, Integer> tiers) {
        if (up == NetworkGraph.NO_LINK || down == NetworkGraph.NO_LINK) {
            return -1;
        }
        TierKind k = new TierKind(graph.capacityBytesPerS(up), graph.capacityBytesPerS(down), graph.latencyNs(up),
                graph.latencyNs(down));
        Integer id = tiers.putIfAbsent(k, tiers.size());
        return id == null ? tiers.size() - 1 : id;
    }

    /**
     * The key of the job of shape id {@code job} (one {@link dev.fleetsim.engine.workload.ShapeIds} per
     * cache) on {@code gpus}. An exact key holds {@code gpus} itself: a caller that keeps the key passes
     * an array nobody changes.
     */
    Key of(int job, int[] gpus) {
        int reach = reach(gpus);
        if (reach < 0) {
            return new Key(job, true, gpus);
        }
        int[] codes = reach == ACROSS_LEAVES ? acrossLeaves(gpus) : null;
        if (reach == ACROSS_LEAVES && codes == null) {
            return new Key(job, true, gpus);
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(gpuStamp, 0);
            stamp = 1;
        }
        nodes.clear();
        for (int gpu : gpus) {
            gpuStamp[gpu] = stamp;
            nodes.add(topology.nodeOf(gpu));
        }
        nodes.number();
        int count = nodes.count;
        int fabric = codes == null ? 0 : codes.length;
        int[] out = new int[2 + count + gpus.length + fabric];
        out[0] = reach;
        out[1] = count;
        boolean ownNics = true;
        for (int i = 0; i < count; i++) {
            Topology.Node node = topology.node(nodes.ids[i]);
            out[2 + i] = kindOfNode[nodes.ids[i]];
            ownNics &= node.nics() == node.gpuCount();
        }
        // On one node, or where every GPU has its own NIC, a GPU's links are laid out by its index on
        // the node and nothing else: the job's GPUs of a node may be renumbered 0, 1, ... in id order.
        boolean renumberGpus = count == 1 || ownNics;
        for (int i = 0; i < count; i++) {
            Topology.Node node = topology.node(nodes.ids[i]);
            for (int k = 0, next = 0; k < node.gpuCount(); k++) {
                int gpu = node.firstGpu() + k;
                localOfGpu[gpu] = renumberGpus ? (gpuStamp[gpu] == stamp ? next++ : -1) : k;
            }
        }
        int at = 2 + count;
        for (int gpu : gpus) {
            out[at++] = nodes.ordinal[topology.nodeOf(gpu)] * maxGpusPerNode + localOfGpu[gpu];
        }
        if (codes != null) {
            System.arraycopy(codes, 0, out, at, fabric);
        }
        return new Key(job, false, out);
    }

    /**
     * {@link #WITHIN_LEAF} when the job is on one node or every NIC its GPUs use is on one leaf (no
     * flow crosses a spine), {@link #ACROSS_LEAVES} when its NICs hang off several leaves, -1 when a
     * GPU of a job across nodes has no NIC (keyed exactly: routing refuses it).
     */
    private int reach(int[] gpus) {
        int node = topology.nodeOf(gpus[0]);
        boolean oneNode = true;
        for (int gpu : gpus) {
            if (topology.nodeOf(gpu) != node) {
                oneNode = false;
                break;
            }
        }
        if (oneNode) {
            return WITHIN_LEAF;
        }
        int leaf = -1;
        boolean across = false;
        for (int gpu : gpus) {
            int nic = graph.nicOfGpu(gpu);
            if (nic == NetworkGraph.NO_LINK) {
                return -1;
            }
            int l = graph.leafOfNic(nic);
            across |= leaf >= 0 && l != leaf;
            leaf = l;
        }
        return across ? ACROSS_LEAVES : WITHIN_LEAF;
    }

    /**
     * For a job across leaves: per rank the ordinal of its NIC's leaf among the job's leaves (id order),
     * per leaf ordinal its kind and its pod's ordinal, per pod ordinal (several pods) its spine's kind;
     * null where a flow between the leaves would pick among several spines or super-spines.
     */
    private int[] acrossLeaves(int[] gpus) {
        leaves.clear();
        for (int gpu : gpus) {
            int leaf = graph.leafOfNic(graph.nicOfGpu(gpu));
            if (kindOfLeaf[leaf] < 0) {
                return null;
            }
            leaves.add(leaf);
        }
        leaves.number();
        pods.clear();
        for (int i = 0; i < leaves.count; i++) {
            pods.add(graph.podOfLeaf(leaves.ids[i]));
        }
        pods.number();
        int leafCount = leaves.count;
        int podCount = pods.count;
        for (int i = 0; podCount > 1 && i < podCount; i++) {
            if (kindOfPod[pods.ids[i]] < 0) {
                return null;
            }
        }
        int[] codes = new int[2 + gpus.length + 2 * leafCount + (podCount > 1 ? podCount : 0)];
        codes[0] = leafCount;
        codes[1] = podCount;
        int at = 2;
        for (int gpu : gpus) {
            codes[at++] = leaves.ordinal[graph.leafOfNic(graph.nicOfGpu(gpu))];
        }
        for (int i = 0; i < leafCount; i++) {
            codes[at++] = kindOfLeaf[leaves.ids[i]];
            codes[at++] = pods.ordinal[graph.podOfLeaf(leaves.ids[i])];
        }
        for (int i = 0; podCount > 1 && i < podCount; i++) {
            codes[at++] = kindOfPod[pods.ids[i]];
        }
        return codes;
    }

    /**
     * The distinct ids (nodes, leaves, pods) of one key, then in ascending order with each one's ordinal;
     * per-id scratch stamped per call, never cleared.
     */
    private static final class Distinct {
        private final int[] seen;
        final int[] ordinal;
        int[] ids = new int[16];
        int count;
        private int stamp;

        Distinct(int idCount) {
            seen = new int[idCount];
            ordinal = new int[idCount];
        }

        void clear() {
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(seen, 0);
                stamp = 1;
            }
            count = 0;
        }

        void add(int id) {
            if (seen[id] != stamp) {
                seen[id] = stamp;
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = id;
            }
        }

        /** Sorts the ids and numbers them 0, 1, ... in that order. */
        void number() {
            Arrays.sort(ids, 0, count);
            for (int i = 0; i < count; i++) {
                ordinal[ids[i]] = i;
            }
        }
    }
}
