package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;

/**
 * Which decoder layers each pipeline rank holds. The {@code L} layers go to {@code pp · v} model
 * chunks in order, chunk {@code c} on rank {@code c mod pp} (Megatron's interleaving); the first
 * chunk also holds the embedding, the last the output head and loss. When {@code L} divides by
 * {@code pp · v} every chunk is equal; when {@code L + 2} does, the embedding and the loss count
 * as a layer each and the first and last chunks hold one layer less (Megatron's
 * {@code account_for_embedding/loss_in_pipeline_split}; with {@code L + 2} chunks the first holds
 * only the embedding and the last only the head, as Llama 3 405B's 126 layers on 16 × 8); otherwise the remainder goes to the
 * middle chunks, so the first and last (which also hold the embedding and the head) are the
 * lighter ones. {@code firstStageLayers} / {@code lastStageLayers} set the outer stages explicitly.
 */
final class StagePlan {

    private final int[] chunkStart;
    private final int[] chunkLayers;
    private final int pp;
    private final int v;

    private StagePlan(int[] chunkStart, int[] chunkLayers, int pp, int v) {
        this.chunkStart = chunkStart;
        this.chunkLayers = chunkLayers;
        this.pp = pp;
        this.v = v;
    }

    static StagePlan of(ModelSpec m, ParallelismSpec par) {
        int pp = par.pp();
        int v = Math.max(1, par.virtualStages());
        int chunks = pp * v;
        int layers = m.layers();
        int[] sizes = new int[chunks];
        if (par.firstStageLayers().isPresent() || par.lastStageLayers().isPresent()) {
            explicit(sizes, layers, par, v);
        } else if (layers % chunks == 0) {
            java.util.Arrays.fill(sizes, layers / chunks);
        } else if (chunks > 1 && (layers + 2) % chunks == 0) {
            java.util.Arrays.fill(sizes, (layers + 2) / chunks);
            sizes[0]--;
            sizes[chunks - 1]--;
        } else {
            spread(sizes, 0, chunks, layers);
        }
        int[] start = new int[chunks];
        for (int c = 1; c < chunks; c++) {
            start[c] = start[c - 1] + sizes[c - 1];
        }
        return new StagePlan(start, sizes, pp, v);
    }

    /** {@code layers} over chunks [from, to): the floor everywhere, one more on the middle ones. */
    private static void spread(int[] sizes, int from, int to, int layers) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int base = layers / n;
        int extra = layers % n;
        for (int c = from; c < to; c++) {
            sizes[c] = base;
        }
        // Extras from the middle outwards, never on the outer chunks while an inner one is free.
        int mid = from + n / 2;
        for (int i = 0; i < extra; i++) {
            int offset = (i + 1) / 2 * ((i % 2 == 0) ? 1 : -1);
            int c = Math.min(to - 1, Math.max(from, mid + offset));
            sizes[c]++;
        }
    }

    private static void explicit(int[] sizes, int layers, ParallelismSpec par, int v) {
        int chunks = sizes.length;
        int pp = par.pp();
        int first = par.firstStageLayers().orElse(-1);
        int last = par.lastStageLayers().orElse(-1);
        int rest = layers - Math.max(0, first) - Math.max(0, last);
        int restChunks = chunks - (first >= 0 ? v : 0) - (last >= 0 && pp > 1 ? v : 0);
        for (int c = 0; c < chunks; c++) {
            sizes[c] = -1;
        }
        if (first >= 0) {
            distributeOnRank(sizes, 0, pp, v, first);
        }
        if (last >= 0 && pp > 1) {
            distributeOnRank(sizes, pp - 1, pp, v, last);
        }
        int base = restChunks > 0 ? rest / restChunks : 0;
        int extra = restChunks > 0 ? rest % restChunks : 0;
        for (int c = 0; c < chunks; c++) {
            if (sizes[c] < 0) {
                sizes[c] = base + (extra-- > 0 ? 1 : 0);
            }
        }
    }

    private static void distributeOnRank(int[] sizes, int rank, int pp, int v, int layers) {
        for (int j = 0; j < v; j++) {
            sizes[j * pp + rank] = layers / v + (j < layers % v ? 1 : 0);
        }
    }

    int ranks() {
        return pp;
    }

    int virtualStages() {
        return v;
    }

    /** Decoder layers on pipeline rank {@code rank}, over all its chunks. */
    int layersOn(int rank) {
        int total = 0;
        for (int j = 0; j < v; j++) {
            total += chunkLayers[j * pp + rank];
        }
        return total;
    }

    /** Layers of rank {@code rank} for which {@code isMoe(layerIndex)} holds. */
    int countOn(int rank, java.util.function.IntPredicate predicate) {
        int total = 0;
        for (int j = 0; j < v; j++) {
            int c = j * pp + rank;
            for (int i = chunkStart[c]; i < chunkStart[c] + chunkLayers[c]; i++) {
                if (predicate.test(i)) {
                    total++;
                }
            }
        }
        return total;
    }

    /** Whether the layout has a chunk without layers or more layers than the model (a layout to refuse). */
    boolean valid(int layers) {
        int sum = 0;
        for (int n : chunkLayers) {
            if (n < 0) {
                return false;
            }
            sum += n;
        }
        return sum == layers;
    }

    /** The most decoder layers any rank holds. */
    int maxLayers() {
        int max = 0;
        for (int r = 0; r < pp; r++) {
            max = Math.max(max, layersOn(r));
        }
        return max;
    }
}
