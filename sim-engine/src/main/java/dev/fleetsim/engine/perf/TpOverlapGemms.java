package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.perf.IterationTraffic.Window;

/**
 * The GEMMs next to tensor-parallel collectives as Transformer Engine's user-buffer overlaps run
 * them (tpCommOverlap with sequence parallelism), in TE's default configuration
 * ({@code transformer_engine/pytorch/module/base.py}, the same methods in Megatron-Bridge's H100
 * userbuffers configurations): the all-gathers of the QKV / FC1 input and of the projection / FC2
 * output gradient as ring exchanges ({@code tp} chunk GEMMs, one per step, on the copy engines), the
 * forward reduce-scatter of the projection / FC2 output as a pipeline ({@link #PIPELINE_SPLITS}
 * chunk GEMMs on the SMs the reduce-scatter kernel leaves), the backward ones as bulk overlaps
 * beside whole GEMMs.
 */
final class TpOverlapGemms {

    /**
     * Compute streams Transformer Engine spreads a ring exchange's chunk GEMMs over
     * ({@code _NUM_MAX_UB_STREAMS} in transformer_engine/pytorch/module/base.py): up to this many
     * chunk GEMMs run at once when their data has arrived.
     */
    static final int COMPUTE_STREAMS = 3;
    /** TE's pipeline overlap of a row-parallel forward GEMM runs it as this many chunks (default {@code num_splits}). */
    static final int PIPELINE_SPLITS = 4;
    /**
     * SMs the pipelined reduce-scatter kernel holds: TE's default {@code num_sm} for the pipeline
     * method, with {@code set_sm_margin}, so the GEMM is launched on {@code SMs - 16} SMs for its whole length.
     */
    static final int PIPELINE_SMS = 16;

    /** Which TP collectives sit next to a linear layer, and the windows they hide in. */
    enum Role {
        /** No TP collective (replicated, or an expert GEMM). */
        NONE(null, null, null),
        /** Column-parallel attention input projection (QKV, or MLA's up-projections). */
        ATTENTION_IN(Window.QKV_FPROP, Window.QKV_DGRAD, Window.QKV_WGRAD),
        /** Row-parallel attention output projection. */
        ATTENTION_OUT(Window.PROJ_FPROP, Window.PROJ_DGRAD, null),
        /** Column-parallel MLP input (FC1: gate and up). */
        MLP_IN(Window.FC1_FPROP, Window.FC1_DGRAD, Window.FC1_WGRAD),
        /** Row-parallel MLP output (FC2). */
        MLP_OUT(Window.FC2_FPROP, Window.FC2_DGRAD, null);

        final Window fprop;
        final Window dgrad;
        final Window wgrad;

        Role(Window fprop, Window dgrad, Window wgrad) {
            this.fprop = fprop;
            this.dgrad = dgrad;
            this.wgrad = wgrad;
        }

        boolean column() {
            return this == ATTENTION_IN || this == MLP_IN;
        }
    }

    private final KernelCosts k;
    private final Precision precision;
    private final int tp;

    TpOverlapGemms(KernelCosts k, Precision precision, int tp) {
        this.k = k;
        this.precision = precision;
        this.tp = tp;
    }

    /**
     * A GEMM of {@code rows × n × kDim} as a ring exchange runs it: {@code tp} GEMMs of
     * {@code rows/tp} rows, at most {@link #COMPUTE_STREAMS} at once; never faster than the
     * whole GEMM.
     */
    double ringExchange(double rows, double n, double kDim, double outBytes) {
        return ringExchange(rows, n, kDim, outBytes, false);
    }

    /** As {@link #ringExchange}, for a data-gradient GEMM ({@link KernelCosts#gradGemm}: FP8's split accumulator). */
    double ringExchangeGrad(double rows, double n, double kDim, double outBytes) {
        return ringExchange(rows, n, kDim, outBytes, true);
    }

    private double ringExchange(double rows, double n, double kDim, double outBytes, boolean grad) {
        int together = Math.min(COMPUTE_STREAMS, tp);
        double split = (double) tp / together * gemm(grad, rows / tp, n, kDim, together, outBytes);
        return Math.max(split, gemm(grad, rows, n, kDim, 1, outBytes));
    }

    private double gemm(boolean grad, double m, double n, double kDim, double batch, double outBytes) {
        return grad ? k.gradGemm(precision, m, n, kDim, batch, outBytes) : k.gemm(precision, m, n, kDim, batch, outBytes);
    }

    /**
     * A GEMM of {@code rows × n × kDim} as TE's pipeline overlap runs it: {@link #PIPELINE_SPLITS}
     * chunks of {@code rows / splits} rows one after another, on the SMs the reduce-scatter kernel
     * leaves ({@code SMs - }{@link #PIPELINE_SMS}).
     */
    double pipelined(double rows, double n, double kDim, double outBytes) {
        double chunks = PIPELINE_SPLITS * k.gemm(precision, rows / PIPELINE_SPLITS, n, kDim, outBytes);
        double whole = Math.max(chunks, k.gemm(precision, rows, n, kDim, outBytes));
        return whole * k.sms() / Math.max(1.0, k.sms() - PIPELINE_SMS);
    }
}
