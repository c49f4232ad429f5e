package dev.fleetsim.policies.round;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.topology.Topology;

import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster as it will be once the jobs a policy means to preempt have let go of their GPUs:
 * the engine's read-only view plus the released GPUs, with the per-node and per-type counts
 * kept in step so placement strategies see one consistent picture.
 */
final class ReleasedGpusView implements ClusterView {
    private final ClusterView base;
    private final BitSet released = new BitSet();
    /** Allocated at the first release: most rounds release nothing. */
    private int[] releasedOnNode;
    private final Map<String, Integer> releasedByType = new TreeMap<>();
    private int releasedTotal;

    ReleasedGpusView(ClusterView base) {
        this.base = base;
    }

    void release(int[] gpus, int sign) {
        Topology topology = base.topology();
        if (releasedOnNode == null) {
            releasedOnNode = new int[topology.nodeCount()];
        }
        for (int g : gpus) {
            released.set(g, sign > 0);
            releasedOnNode[topology.nodeOf(g)] += sign;
            releasedByType.merge(topology.gpuSpecOf(g).name(), sign, Integer::sum);
            releasedTotal += sign;
        }
    }

    @Override
    public Topology topology() {
        return base.topology();
    }

    @Override
    public boolean isFree(int gpu) {
        return base.isFree(gpu) || released.get(gpu);
    }

    @Override
    public int freeGpuCount() {
        return base.freeGpuCount() + releasedTotal;
    }

    @Override
    public int freeGpusOnNode(int node) {
        return releasedOnNode == null ? base.freeGpusOnNode(node) : base.freeGpusOnNode(node) + releasedOnNode[node];
    }

    @Override
    public int freeGpusOfType(String gpuType) {
        return base.freeGpusOfType(gpuType) + releasedByType.getOrDefault(gpuType, 0);
    }

    @Override
    public int totalGpusOfType(String gpuType) {
        return base.totalGpusOfType(gpuType);
    }
}
