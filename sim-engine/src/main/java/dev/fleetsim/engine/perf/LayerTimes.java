package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.perf.IterationTraffic.Window;

/**
 * Compute time of one transformer layer for one micro-batch on one GPU, and the traffic its
 * parallel dimensions add: what {@link LayerCompute} works out once per layer kind.
 *
 * @param forward the forward pass
 * @param backward the backward pass (activation gradients, and weight gradients of trainable weights)
 * @param replay what recomputation replays in backward (none, the attention core, or the whole forward)
 * @param tpGemmS per tensor-parallel window ({@link Window#isTensorParallel}), indexed by the window's ordinal:
 *        the time of the one GEMM the window's collective can hide behind (0 for other windows)
 * @param attentionForwardS forward attention core time (what a context-parallel exchange hides behind)
 * @param moe whether the layer routes its MLP to experts
 * @param windowed whether the layer attends over a sliding window
 * @param expertForwardS forward GPU time of the local experts (0 without routed experts)
 * @param expertBackwardS backward GPU time of the local experts
 */
record LayerTimes(PassTime forward, PassTime backward, PassTime replay, double[] tpGemmS, double attentionForwardS,
                  boolean moe, boolean windowed, double expertForwardS, double expertBackwardS) {

    double totalS() {
        return forward.totalS() + backward.totalS() + replay.totalS();
    }

    /** The GEMM a TP collective in {@code window} hides behind, once per layer and pass. */
    double tpGemmS(Window window) {
        return tpGemmS[window.ordinal()];
    }
}
