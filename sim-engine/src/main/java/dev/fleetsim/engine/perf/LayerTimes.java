package dev.fleetsim.engine.perf;

/**
 * Compute time of one transformer layer for one micro-batch on one GPU, and the traffic its
 * parallel dimensions add: what {@link LayerCompute} works out once per layer kind.
 *
 * @param forward the forward pass
 * @param backward the backward pass (activation gradients, and weight gradients of trainable weights)
 * @param replay what recomputation replays in backward (none, the attention core, or the whole forward)
 * @param tpGemmS forward GEMM time of the GEMMs next to tensor-parallel collectives (what overlap can hide them behind)
 * @param attentionForwardS forward attention core time (what a context-parallel exchange hides behind)
 * @param moe whether the layer routes its MLP to experts
 * @param windowed whether the layer attends over a sliding window
 */
record LayerTimes(PassTime forward, PassTime backward, PassTime replay, double tpGemmS, double attentionForwardS,
                  boolean moe, boolean windowed) {

    double totalS() {
        return forward.totalS() + backward.totalS() + replay.totalS();
    }
}
