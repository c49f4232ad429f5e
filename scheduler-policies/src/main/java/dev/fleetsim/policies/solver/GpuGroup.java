package dev.fleetsim.policies.solver;

import java.util.List;

/**
 * A planning value: either a set of nodes with the same number of GPUs taken on each (a job's
 * gang laid out as {@code nodeCount × gpusPerNode}, tensor-parallel groups inside nodes), or
 * the queue, the virtual value of over-constrained planning that a job takes when it waits this
 * round. Groups are built per round from the free GPUs and shared by all jobs of one shape.
 */
public final class GpuGroup {
    private static final String QUEUE_ID = "queue";

    /** Built on first use: most of a round's groups are never named (a round builds thousands). */
    private String id;
    private final String gpuType;
    private final List<NodeShare> shares;
    private final int gpusPerNode;
    private final int leafCount;

    private GpuGroup(String id, String gpuType, List<NodeShare> shares, int gpusPerNode, int leafCount) {
        this.id = id;
        this.gpuType = gpuType;
        this.shares = shares;
        this.gpusPerNode = gpusPerNode;
        this.leafCount = leafCount;
    }

    /** The queue: a job on it waits. */
    public static GpuGroup queue() {
        return new GpuGroup(QUEUE_ID, "", List.of(), 0, 0);
    }

    /** {@code gpusPerNode} GPUs on each of {@code nodes} (all of one GPU type, in index order). */
    public static GpuGroup of(List<GpuNode> nodes, int gpusPerNode) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a GPU group needs at least one node");
        }
        NodeShare[] shares = new NodeShare[nodes.size()];
        int leaves = 0;
        int lastLeaf = -1;
        for (int i = 0; i < shares.length; i++) {
            GpuNode n = nodes.get(i);
            shares[i] = new NodeShare(n, gpusPerNode);
            if (n.leaf() != lastLeaf) {
                leaves++;
                lastLeaf = n.leaf();
            }
        }
        return new GpuGroup(null, nodes.get(0).gpuType(), List.of(shares), gpusPerNode, leaves);
    }

    public boolean isQueue() {
        return shares.isEmpty();
    }

    /** E.g. {@code n3+n4x8}: nodes and GPUs per node; {@code queue} for the queue. */
    public String id() {
        if (id == null) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < shares.size(); i++) {
                b.append(i == 0 ? "" : "+").append(shares.get(i).node().name());
            }
            id = b.append('x').append(gpusPerNode).toString();
        }
        return id;
    }

    public String gpuType() {
        return gpuType;
    }

    public List<NodeShare> shares() {
        return shares;
    }

    public int gpusPerNode() {
        return gpusPerNode;
    }

    public int nodeCount() {
        return shares.size();
    }

    /** Leaf switches the group spans (nodes are in index order, and a leaf holds consecutive nodes). */
    public int leafCount() {
        return leafCount;
    }

    public int totalGpus() {
        return gpusPerNode * shares.size();
    }

    @Override
    public String toString() {
        return id();
    }
}
