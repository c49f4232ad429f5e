package dev.fleetsim.engine.run;

import dev.fleetsim.engine.topology.Topology;

/**
 * The placement text of ended jobs ({@link Placements#describe}), one string per distinct block
 * of consecutive GPUs instead of one per job: a million-job run keeps a record per job, and most
 * placements are a run of GPUs from a node's first free one (first fit), which later jobs of the
 * same size get again. A block is remembered by its first GPU (the last size seen there); any
 * other placement is described anew. The text is the same either way.
 */
final class PlacementTexts {
    private final Topology topology;
    /** Per first GPU, the size of the block last described from it (0: none) and its text. */
    private final int[] sizeAt;
    private final String[] textAt;

    PlacementTexts(Topology topology) {
        this.topology = topology;
        this.sizeAt = new int[topology.gpuCount()];
        this.textAt = new String[topology.gpuCount()];
    }

    String describe(int[] gpus) {
        if (!consecutive(gpus)) {
            return Placements.describe(topology, gpus);
        }
        int first = gpus[0];
        if (sizeAt[first] != gpus.length) {
            textAt[first] = Placements.describe(topology, gpus);
            sizeAt[first] = gpus.length;
        }
        return textAt[first];
    }

    /** GPUs {@code g, g+1, …, g+n-1} in that order (n ≥ 1), all of this cluster. */
    private boolean consecutive(int[] gpus) {
        if (gpus.length == 0 || gpus[0] < 0 || gpus[0] + gpus.length > sizeAt.length) {
            return false;
        }
        for (int i = 1; i < gpus.length; i++) {
            if (gpus[i] != gpus[0] + i) {
                return false;
            }
        }
        return true;
    }
}
