package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * The memory-bound work Transformer Engine's ring attention adds around its fused-attention calls
 * when context parallelism splits the sequence over {@code cp} ranks ({@code AttnFuncWithCPAndKVP2P}
 * in {@code transformer_engine/pytorch/attention/dot_product_attention/context_parallel.py}, bshd/sbhd
 * layouts): one attention call per ring step, each writing a partial output and its softmax statistics
 * that are then merged. Forward: the output is zeroed and every step's partial output is merged into it
 * ({@code flash_attn_fwd_out_correction}, one fused kernel: read the partial, read and write the output),
 * and the statistics are cloned, corrected once per further step and cast back (small kernels at the
 * launch floor). Backward: each step's query gradient is copied (first step) or added into the
 * accumulated one, and likewise its key/value gradient before it travels on. The attention calls
 * themselves and the KV exchange are costed elsewhere ({@link LayerCompute}, {@link TrafficPlan}).
 */
final class CpRingAttention {

    /** Zeroing the 16-bit output before the first merge. */
    static final double ZERO_BYTES = 2;
    /** A merge: read the step's partial output (2), read and write the accumulated output (2 + 2). */
    static final double MERGE_BYTES = 6;
    /** The first step's gradient copied into the accumulator: read 2, write 2. */
    static final double COPY_BYTES = 4;
    /** Bytes of an fp64 softmax statistic (one per query and head), which the forward clones and corrects. */
    static final double STAT_BYTES = 8;

    private CpRingAttention() {
    }

    /**
     * Forward merge work of one layer on one rank of {@code job}: {@code rows} local query tokens
     * (micro-batch × sequence / cp) of {@code heads} local heads with value head dimension {@code vDim}.
     */
    static double forwardS(KernelCosts k, TrainingJobSpec job, double rows, double heads, double vDim) {
        int cp = job.parallelism().cp();
        if (cp <= 1) {
            return 0.0;
        }
        double out = rows * heads * vDim;
        // Statistics cloned to fp64, corrected at each further step, cast back: cp + 1 small kernels.
        return k.elementwise(ZERO_BYTES * out) + cp * k.elementwise(MERGE_BYTES * out)
                + (cp + 1) * k.elementwise(2 * STAT_BYTES * rows * heads);
    }

    /**
     * Backward accumulation of one layer on one rank: the query gradient ({@code rows × heads × qkDim})
     * and the key/value gradient ({@code rows × kvHeads × (qkDim + vDim)}: the rank's KV heads, all heads
     * with MLA), each copied at the first step and added at the other {@code cp - 1}.
     */
    static double backwardS(KernelCosts k, TrainingJobSpec job, double rows, double heads, double kvHeads, double qkDim,
                            double vDim) {
        int cp = job.parallelism().cp();
        if (cp <= 1) {
            return 0.0;
        }
        double dq = rows * heads * qkDim;
        double dkv = rows * kvHeads * (qkDim + vDim);
        return k.elementwise(COPY_BYTES * dq) + (cp - 1) * k.elementwise(MERGE_BYTES * dq)
                + k.elementwise(COPY_BYTES * dkv) + (cp - 1) * k.elementwise(MERGE_BYTES * dkv);
    }
}
