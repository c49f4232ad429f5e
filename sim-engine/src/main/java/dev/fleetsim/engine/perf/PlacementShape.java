package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.Topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a job's idle-network costing on a placement depends on, as a hash key: two placements with
 * equal keys get bit-identical flow costings, so {@link FlowStepModel} reuses one for the other.
 *
 * <p>Why the key is sound. The planner builds a job's flows from the rank order, which node each
 * rank is on and the nodes' kinds only; routing then maps a flow to links, and the max-min solve
 * of an otherwise idle network depends on the links' capacities and on their relative order (the
 * solver breaks ties between equal fair shares by link id). Every link inside a node or between a
 * node and its leaf is laid out node by node, the same way for every node of a kind, so a
 * relabelling of nodes that keeps their order and kinds maps a placement's flows to another's with
 * the same capacities in the same order: same rates, same times. Paths between leaves are the
 * exception: the spine (and super-spine) a flow takes is a hash of its GPU ids (ECMP), which no
 * relabelling keeps. So the key is
 * <ul>
 * <li>{@code relabelled}, when the job sits on one node, or every NIC its GPUs use hangs off one
 *     leaf (no flow leaves that leaf): per rank, the ordinal of its node among the job's nodes in id
 *     order and its GPU's index on the node, and per ordinal the node's kind. On one node, or when
 *     every GPU of the job's nodes has a NIC of its own, a GPU's links (to the switch, to its NIC, its
 *     NIC's to the leaf) are laid out by its index alone, in index order, so the index is its ordinal
 *     among the job's GPUs of that node instead: GPUs 2, 5 and 7 of a node stand for 0, 1 and 2;</li>
 * <li>{@code exact} otherwise: the GPU ids themselves.</li>
 * </ul>
 * {@code FlowStepModelCacheTest} checks reused costings against fresh ones on randomised placements.
 * One instance per network graph; not thread-safe (it reuses per-node scratch).
 */
final class PlacementShape {

    /** A node kind: everything the graph builder reads from a node to lay out its links. */
    private record NodeKind(String group, Object gpu, int gpuCount, int nics, double nicBandwidthBytesPerS) {
    }

    /** A job shape on a placement shape; equality is content equality of the codes. */
    static final class Key {
        final Object job;
        final boolean exact;
        final int[] codes;
        private final int hash;

        Key(Object job, boolean exact, int[] codes) {
            this.job = job;
            this.exact = exact;
            this.codes = codes;
            this.hash = (job.hashCode() * 31 + Arrays.hashCode(codes)) * 2 + (exact ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return hash == k.hash && exact == k.exact && Arrays.equals(codes, k.codes) && job.equals(k.job);
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
    private final int[] nodeStamp;
    private final int[] ordinalOfNode;
    private final int[] gpuStamp;
    private final int[] localOfGpu;
    private int stamp;
    private int[] nodes = new int[16];

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
        nodeStamp = new int[n];
        ordinalOfNode = new int[n];
        gpuStamp = new int[topology.gpuCount()];
        localOfGpu = new int[topology.gpuCount()];
    }

    /**
     * The key of {@code job} (its shape: {@link dev.fleetsim.engine.workload.TrainingJobSpec#shape}) on
     * {@code gpus}. An exact key holds {@code gpus} itself: a caller that keeps the key passes an array
     * nobody changes.
     */
    Key of(Object job, int[] gpus) {
        Objects.requireNonNull(job);
        if (!confinedToOneLeaf(gpus)) {
            return new Key(job, true, gpus);
        }
        stamp++;
        int count = 0;
        for (int gpu : gpus) {
            int node = topology.nodeOf(gpu);
            gpuStamp[gpu] = stamp;
            if (nodeStamp[node] != stamp) {
                nodeStamp[node] = stamp;
                if (count == nodes.length) {
                    nodes = Arrays.copyOf(nodes, count * 2);
                }
                nodes[count++] = node;
            }
        }
        Arrays.sort(nodes, 0, count);
        int[] codes = new int[count + gpus.length];
        boolean ownNics = true;
        for (int i = 0; i < count; i++) {
            Topology.Node node = topology.node(nodes[i]);
            ordinalOfNode[nodes[i]] = i;
            codes[i] = kindOfNode[nodes[i]];
            ownNics &= node.nics() == node.gpuCount();
        }
        // On one node, or where every GPU has its own NIC, a GPU's links are laid out by its index on
        // the node and nothing else: the job's GPUs of a node may be renumbered 0, 1, ... in id order.
        boolean renumberGpus = count == 1 || ownNics;
        for (int i = 0; i < count; i++) {
            Topology.Node node = topology.node(nodes[i]);
            for (int k = 0, next = 0; k < node.gpuCount(); k++) {
                int gpu = node.firstGpu() + k;
                localOfGpu[gpu] = renumberGpus ? (gpuStamp[gpu] == stamp ? next++ : -1) : k;
            }
        }
        for (int r = 0; r < gpus.length; r++) {
            codes[count + r] = ordinalOfNode[topology.nodeOf(gpus[r])] * maxGpusPerNode + localOfGpu[gpus[r]];
        }
        return new Key(job, false, codes);
    }

    /** True when the job is on one node, or every NIC its GPUs use is on one leaf: then no flow crosses a spine. */
    private boolean confinedToOneLeaf(int[] gpus) {
        int node = topology.nodeOf(gpus[0]);
        boolean oneNode = true;
        for (int gpu : gpus) {
            if (topology.nodeOf(gpu) != node) {
                oneNode = false;
                break;
            }
        }
        if (oneNode) {
            return true;
        }
        int leaf = -1;
        for (int gpu : gpus) {
            int nic = graph.nicOfGpu(gpu);
            if (nic == NetworkGraph.NO_LINK) {
                return false;
            }
            int l = graph.leafOfNic(nic);
            if (leaf >= 0 && l != leaf) {
                return false;
            }
            leaf = l;
        }
        return true;
    }
}
