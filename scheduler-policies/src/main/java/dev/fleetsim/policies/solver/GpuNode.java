package dev.fleetsim.policies.solver;

/**
 * One node (one NVLink/NVSwitch domain) as a scheduling round sees it: a problem fact. Its free
 * GPUs are counted at the start of the round; the capacity constraint keeps a round's
 * placements within them. Identity equality: nodes are keys in constraint-stream groupings.
 */
public final class GpuNode {
    private final int index;
    private final int leaf;
    private final String gpuType;
    private final int gpuCount;
    private final int freeGpus;

    public GpuNode(int index, int leaf, String gpuType, int gpuCount, int freeGpus) {
        this.index = index;
        this.leaf = leaf;
        this.gpuType = gpuType;
        this.gpuCount = gpuCount;
        this.freeGpus = freeGpus;
    }

    public int index() {
        return index;
    }

    public int leaf() {
        return leaf;
    }

    public String gpuType() {
        return gpuType;
    }

    public int gpuCount() {
        return gpuCount;
    }

    public int freeGpus() {
        return freeGpus;
    }

    /** The node's name in results, as {@code jobs.csv} writes placements ({@code n3}). */
    public String name() {
        return "n" + index;
    }

    @Override
    public String toString() {
        return name() + "(" + freeGpus + "/" + gpuCount + " free)";
    }
}
