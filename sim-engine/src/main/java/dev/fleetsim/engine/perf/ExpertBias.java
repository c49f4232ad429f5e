package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.MoeSpec;

/**
 * The routed experts' output bias of a model whose expert linears have biases (GPT-OSS), as
 * Megatron-Core core_r0.15 adds it: {@code TEGroupedMLP._apply_bias} in {@code moe/experts.py} weights
 * each expert's FC2 bias by the routing probability outside Transformer Engine, in Python —
 * {@code torch.cat([t + b * p for t, b, p in zip(torch.split(out, tokens_per_expert), biases,
 * torch.split(probs, tokens_per_expert))])} — so every local expert costs two element-wise kernels
 * forward (the product {@code b * p} written, then the sum) and the concatenation copies all routed rows
 * once. Backward, autograd runs per expert the two products and two reductions of {@code mul}'s
 * broadcast gradients (the bias's over the rows, the probability's over the hidden dimension) and one
 * concatenation each for the split output and the split probabilities. The FC1 bias is fused into the
 * expert activation and costs nothing here. Every kernel is at least a launch long ({@link KernelCosts}).
 */
final class ExpertBias {

    /** Forward, per expert: {@code b * p} written (2 bytes an element), then {@code t + b*p} (read 2 + 2, write 2). */
    static final double PRODUCT_BYTES = 2;
    static final double SUM_BYTES = 6;
    /** The concatenation of all experts' rows: read 2, write 2. */
    static final double CAT_BYTES = 4;
    /** Backward, per expert and per gradient: the product with the other factor (read 2, write 2), its reduction (read 2). */
    static final double GRAD_PRODUCT_BYTES = 4;
    static final double GRAD_REDUCTION_BYTES = 2;
    /** Kernels: forward two per expert and the concatenation; backward four per expert and two concatenations. */
    static final int FWD_KERNELS_PER_EXPERT = 2;
    static final int BWD_KERNELS_PER_EXPERT = 4;
    static final int FWD_CATS = 1;
    static final int BWD_CATS = 2;

    private ExpertBias() {
    }

    /** Forward GPU time over {@code experts} local experts of {@code rows} routed rows each, hidden size {@code h}. */
    static double forwardS(KernelCosts k, MoeSpec e, double rows, double h, double experts) {
        if (!e.expertBias()) {
            return 0.0;
        }
        double perExpert = k.elementwise(PRODUCT_BYTES * rows * h) + k.elementwise(SUM_BYTES * rows * h);
        return experts * perExpert + k.copy(CAT_BYTES * experts * rows * h);
    }

    /** Backward GPU time of the same. */
    static double backwardS(KernelCosts k, MoeSpec e, double rows, double h, double experts) {
        if (!e.expertBias()) {
            return 0.0;
        }
        double perGradient = k.elementwise(GRAD_PRODUCT_BYTES * rows * h) + k.reduction(GRAD_REDUCTION_BYTES * rows * h);
        // The split output's gradients concatenated (all rows), and the split probabilities' (one value a row).
        return experts * 2 * perGradient + k.copy(CAT_BYTES * experts * rows * h) + k.copy(CAT_BYTES * experts * rows);
    }

    /** Kernels of one MoE layer's forward (0 without expert biases). */
    static int forwardKernels(MoeSpec e, double experts) {
        return e.expertBias() ? (int) Math.round(FWD_KERNELS_PER_EXPERT * experts) + FWD_CATS : 0;
    }

    /** Kernels of one MoE layer's backward. */
    static int backwardKernels(MoeSpec e, double experts) {
        return e.expertBias() ? (int) Math.round(BWD_KERNELS_PER_EXPERT * experts) + BWD_CATS : 0;
    }
}
