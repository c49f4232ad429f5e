package dev.fleetsim.engine.workload;

import java.util.OptionalInt;

/**
 * The parallel layout of a training job: tensor ({@code tp}), context ({@code cp}), data
 * ({@code dp}) and pipeline ({@code pp}) degrees, interleaved virtual pipeline stages per GPU
 * ({@code 1} = plain 1F1B), and for MoE models the expert-parallel degree {@code ep} and the
 * expert tensor-parallel degree {@code etp}. GPUs = tp · cp · dp · pp. Ranks are ordered
 * TP-CP-DP-PP, TP fastest (Megatron-Core's default order): rank r has tp rank {@code r % tp},
 * cp rank {@code (r / tp) % cp}, dp rank {@code (r / (tp·cp)) % dp}, pp stage {@code r / (tp·cp·dp)}.
 * Expert parallelism folds the {@code dp · cp} ranks of a stage into {@code ep} groups of experts
 * (Megatron's MoE parallel folding): the EP group of a rank is the {@code ep} consecutive
 * ranks of its stage with the same tp rank; {@code etp · ep} must divide {@code tp · cp · dp}.
 *
 * @param tp tensor-parallel degree
 * @param pp pipeline-parallel degree
 * @param dp data-parallel degree
 * @param virtualStages model chunks per pipeline rank (interleaved 1F1B)
 * @param cp context-parallel degree (ring attention over the sequence)
 * @param ep expert-parallel degree (1 for a dense model)
 * @param etp tensor-parallel degree of the expert MLPs
 * @param firstStageLayers layers of the first pipeline stage when given (Megatron's decoder_first_pipeline_num_layers)
 * @param lastStageLayers layers of the last pipeline stage when given
 */
public record ParallelismSpec(int tp, int pp, int dp, int virtualStages, int cp, int ep, int etp,
                              OptionalInt firstStageLayers, OptionalInt lastStageLayers) {

    public ParallelismSpec {
        if (tp < 1 || pp < 1 || dp < 1 || virtualStages < 1 || cp < 1 || ep < 1 || etp < 1) {
            throw new IllegalArgumentException("every parallel degree must be >= 1");
        }
    }

    /** A dense TP × PP × DP layout without context or expert parallelism. */
    public ParallelismSpec(int tp, int pp, int dp, int virtualStages) {
        this(tp, pp, dp, Math.max(1, virtualStages), 1, 1, 1, OptionalInt.empty(), OptionalInt.empty());
    }

    public int gpus() {
        return tp * cp * dp * pp;
    }

    /** GPUs of one pipeline stage. */
    public int stageGpus() {
        return tp * cp * dp;
    }

    /** Data-parallel replicas of each expert: the stage's ranks over ep · etp. */
    public int expertDp() {
        return Math.max(1, tp * cp * dp / (ep * etp));
    }

    /**
     * Whether {@code chunks} model chunks (pp · virtual stages) can split {@code layers} decoder
     * layers evenly or unevenly: at most one chunk per layer, or exactly {@code layers + 2}, the
     * embedding and the loss counted as a layer each (Megatron's
     * {@code account_for_embedding_in_pipeline_split} and {@code account_for_loss_in_pipeline_split}).
     */
    public static boolean chunksFit(int chunks, int layers) {
        return chunks <= layers || chunks == layers + 2;
    }

    public ParallelismSpec withDp(int newDp) {
        return new ParallelismSpec(tp, pp, newDp, virtualStages, cp, ep, etp, firstStageLayers, lastStageLayers);
    }
}
