package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.topology.Topology;

import java.util.HashMap;
import java.util.Map;

/**
 * Which GPU belongs to which job. The only writer of allocations; every change is checked so
 * that no GPU is ever given to two jobs, and the free counts per node and per GPU type are kept
 * in step for O(1) queries by policies.
 */
public final class ClusterState implements ClusterView {
    private static final int FREE = -1;
    /** The owner of a GPU on a node out of service (failed, or a reclaimed spot node): held by nobody, free to none. */
    private static final int DOWN = -2;

    private final Topology topology;
    private final int[] ownerOfGpu;
    private final int[] freeOnNode;
    private final Map<String, int[]> freeAndTotalByType = new HashMap<>();
    /** Per node, its type's free-and-total pair of {@link #freeAndTotalByType}: no name lookup per GPU change. */
    private final int[][] typeCountsOfNode;
    private final FreeNodeIndex freeNodes;
    private int freeTotal;
    private int downTotal;

    public ClusterState(Topology topology) {
        this.topology = topology;
        this.ownerOfGpu = new int[topology.gpuCount()];
        java.util.Arrays.fill(ownerOfGpu, FREE);
        this.freeOnNode = new int[topology.nodeCount()];
        this.typeCountsOfNode = new int[topology.nodeCount()][];
        for (Topology.Node n : topology.nodes()) {
            freeOnNode[n.index()] = n.gpuCount();
            int[] counts = freeAndTotalByType.computeIfAbsent(n.gpu().name(), k -> new int[2]);
            counts[0] += n.gpuCount();
            counts[1] += n.gpuCount();
            typeCountsOfNode[n.index()] = counts;
        }
        this.freeTotal = topology.gpuCount();
        this.freeNodes = new FreeNodeIndex(topology);
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public boolean isFree(int gpu) {
        return ownerOfGpu[gpu] == FREE;
    }

    @Override
    public int freeGpuCount() {
        return freeTotal;
    }

    @Override
    public int freeGpusOnNode(int node) {
        return freeOnNode[node];
    }

    @Override
    public int freeGpusOfType(String gpuType) {
        int[] c = freeAndTotalByType.get(gpuType);
        return c == null ? 0 : c[0];
    }

    @Override
    public int totalGpusOfType(String gpuType) {
        int[] c = freeAndTotalByType.get(gpuType);
        return c == null ? 0 : c[1];
    }

    @Override
    public int firstNodeWithFree(String gpuType, int minFree, int fromNode) {
        return freeNodes.first(gpuType, Math.max(1, minFree), Math.max(0, fromNode));
    }

    /** A view that cannot be cast back to this class, for handing to policies. */
    public ClusterView readOnlyView() {
        ClusterState self = this;
        return new ClusterView() {
            @Override
            public Topology topology() {
                return self.topology;
            }

            @Override
            public boolean isFree(int gpu) {
                return self.isFree(gpu);
            }

            @Override
            public int freeGpuCount() {
                return self.freeTotal;
            }

            @Override
            public int freeGpusOnNode(int node) {
                return self.freeOnNode[node];
            }

            @Override
            public int freeGpusOfType(String gpuType) {
                return self.freeGpusOfType(gpuType);
            }

            @Override
            public int totalGpusOfType(String gpuType) {
                return self.totalGpusOfType(gpuType);
            }

            @Override
            public int firstNodeWithFree(String gpuType, int minFree, int fromNode) {
                return self.firstNodeWithFree(gpuType, minFree, fromNode);
            }
        };
    }

    public int allocatedGpuCount() {
        return topology.gpuCount() - freeTotal - downTotal;
    }

    /** Gives {@code gpus} to job number {@code jobIndex}; all must be free (checked before any change). */
    public void allocate(int jobIndex, int[] gpus) {
        if (jobIndex < 0) {
            throw new IllegalArgumentException("job index must be ≥ 0");
        }
        for (int g : gpus) {
            if (g < 0 || g >= ownerOfGpu.length) {
                throw new IllegalStateException("GPU " + g + " does not exist");
            }
            if (ownerOfGpu[g] != FREE) {
                throw new IllegalStateException("GPU " + g + " is already allocated to job #" + ownerOfGpu[g]);
            }
        }
        for (int g : gpus) {
            ownerOfGpu[g] = jobIndex;
        }
        change(gpus, -1);
    }

    /**
     * Takes a node out of service: its GPUs, all free (its jobs stopped first), are given to
     * nobody until {@link #bringUp}. Policies see them as taken; the type's total is unchanged.
     */
    public void takeDown(int node) {
        Topology.Node n = topology.nodes().get(node);
        for (int g = n.firstGpu(); g < n.firstGpu() + n.gpuCount(); g++) {
            if (ownerOfGpu[g] != FREE) {
                throw new IllegalStateException("GPU " + g + " of node " + node + " is not free: stop its job first");
            }
        }
        for (int g = n.firstGpu(); g < n.firstGpu() + n.gpuCount(); g++) {
            ownerOfGpu[g] = DOWN;
            change(g, -1);
            downTotal++;
        }
    }

    /** Puts a node taken down back in service. */
    public void bringUp(int node) {
        Topology.Node n = topology.nodes().get(node);
        for (int g = n.firstGpu(); g < n.firstGpu() + n.gpuCount(); g++) {
            if (ownerOfGpu[g] != DOWN) {
                throw new IllegalStateException("node " + node + " is not down");
            }
            ownerOfGpu[g] = FREE;
            change(g, +1);
            downTotal--;
        }
    }

    /** GPUs on nodes out of service. */
    public int downGpuCount() {
        return downTotal;
    }

    /** The job number holding a GPU; -1 when free, -2 when its node is down. */
    public int ownerOf(int gpu) {
        return ownerOfGpu[gpu];
    }

    /** Returns {@code gpus} held by job number {@code jobIndex} to the free pool. */
    public void release(int jobIndex, int[] gpus) {
        for (int g : gpus) {
            if (ownerOfGpu[g] != jobIndex) {
                throw new IllegalStateException("GPU " + g + " is not held by job #" + jobIndex);
            }
        }
        for (int g : gpus) {
            ownerOfGpu[g] = FREE;
        }
        change(gpus, +1);
    }

    /**
     * Each GPU's node frees or takes one: node by node for a run of GPUs on one node (placements
     * come in node order), so the free-node index is updated once per node, not once per GPU.
     */
    private void change(int[] gpus, int delta) {
        int i = 0;
        while (i < gpus.length) {
            int node = topology.nodeOf(gpus[i]);
            int n = 0;
            while (i < gpus.length && topology.nodeOf(gpus[i]) == node) {
                n++;
                i++;
            }
            changeNode(node, delta * n);
        }
    }

    private void change(int gpu, int delta) {
        changeNode(topology.nodeOf(gpu), delta);
    }

    private void changeNode(int node, int delta) {
        freeOnNode[node] += delta;
        freeNodes.set(node, freeOnNode[node]);
        typeCountsOfNode[node][0] += delta;
        freeTotal += delta;
    }
}
