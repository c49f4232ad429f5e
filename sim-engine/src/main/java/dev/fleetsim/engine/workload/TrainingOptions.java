package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.AttentionKernel;

import java.util.Optional;

/**
 * How a training job runs beyond its layout: the software choices that change its speed or
 * memory. Defaults are Megatron-Core's (sequence parallelism whenever TP > 1, 16-bit gradient
 * reduction, delayed FP8 scaling, no TP communication overlap, the best fused attention).
 *
 * @param sequenceParallel Megatron sequence parallelism: norms and dropout split over TP, TP all-reduces
 *        become reduce-scatter + all-gather; only meaningful with tp > 1
 * @param tpCommOverlap overlap TP collectives with the GEMMs they feed (Transformer Engine user buffers)
 * @param gradReduceFp32 accumulate and reduce gradients in fp32 (Megatron's main_grad buffer; grad_reduce_in_fp32)
 * @param fp8Scaling how FP8 tensors are scaled (with precision fp8)
 * @param attentionKernel the attention implementation; empty = the best fused kernel of the GPU's
 *        profile when flashAttention is on, unfused otherwise
 * @param fineTuning how a fine-tuning job trains; empty for pre-training
 */
public record TrainingOptions(boolean sequenceParallel, boolean tpCommOverlap, boolean gradReduceFp32,
                              Fp8Scaling fp8Scaling, Optional<AttentionKernel> attentionKernel,
                              Optional<FineTuningSpec> fineTuning) {

    /** Megatron-Core's defaults for a layout with {@code tp} tensor-parallel ranks. */
    public static TrainingOptions defaults(int tp) {
        return new TrainingOptions(tp > 1, false, false, Fp8Scaling.DELAYED, Optional.empty(), Optional.empty());
    }

    public TrainingOptions withSequenceParallel(boolean on) {
        return new TrainingOptions(on, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel, fineTuning);
    }

    public TrainingOptions withTpCommOverlap(boolean on) {
        return new TrainingOptions(sequenceParallel, on, gradReduceFp32, fp8Scaling, attentionKernel, fineTuning);
    }

    public TrainingOptions withGradReduceFp32(boolean on) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, on, fp8Scaling, attentionKernel, fineTuning);
    }

    public TrainingOptions withFp8Scaling(Fp8Scaling scaling) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, scaling, attentionKernel, fineTuning);
    }

    public TrainingOptions withAttentionKernel(AttentionKernel kernel) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, Optional.of(kernel),
                fineTuning);
    }

    public TrainingOptions withFineTuning(FineTuningSpec spec) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                Optional.of(spec));
    }
}
