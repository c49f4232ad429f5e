package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.AttentionKernel;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How a training job runs beyond its layout: the software choices that change its speed or
 * memory. Defaults are Megatron-Core's (sequence parallelism whenever TP > 1, 16-bit gradient
 * reduction, delayed FP8 scaling, no TP or EP communication overlap, the best fused attention,
 * full recomputation of every layer, selective recomputation of the attention core).
 *
 * @param sequenceParallel Megatron sequence parallelism: norms and dropout split over TP, TP all-reduces
 *        become reduce-scatter + all-gather; only meaningful with tp > 1
 * @param tpCommOverlap overlap TP collectives with the GEMMs they feed (Transformer Engine user buffers)
 * @param gradReduceFp32 accumulate and reduce gradients in fp32 (Megatron's main_grad buffer; grad_reduce_in_fp32)
 * @param fp8Scaling how FP8 tensors are scaled (with precision fp8)
 * @param attentionKernel the attention implementation; empty = the best fused kernel of the GPU's
 *        profile when flashAttention is on, unfused otherwise
 * @param fineTuning how a fine-tuning job trains; empty for pre-training
 * @param epCommOverlap overlap the MoE all-to-alls with another micro-batch's compute (Megatron's moe_a2a_overlap)
 * @param recomputeLayers with full recomputation, how many layers of each pipeline stage recompute
 *        (Megatron's recompute_num_layers, block method); empty = all
 * @param recomputeModules with selective recomputation, what is recomputed: a subset of {@link #RECOMPUTE_MODULES}
 * @param moeDispatcher how MoE tokens travel to their experts
 * @param gradAccumulationFusion weight-gradient GEMMs add into the gradient buffer in their epilogue
 *        (Megatron's gradient_accumulation_fusion, on by default in its training scripts), so micro-batches
 *        need no separate accumulation pass; off for PyTorch DDP/FSDP
 * @param ppCommOverlap with an interleaved pipeline (v > 1), overlap each pipeline hand-off with the
 *        next chunk's compute (Megatron's overlap_p2p_comm, on by default in Megatron-LM's training
 *        arguments since 2023; the warm-up and flush hand-offs stay exposed); no effect without interleaving
 * @param hostPerKernelNs the CPU time to issue one kernel, standing for the job's whole host cost; empty = eager
 *        PyTorch's (its framework dispatch plus the GPU profile's launch latency, and each Transformer Engine
 *        linear module's own forward time), 0 for a job that replays CUDA graphs
 */
public record TrainingOptions(boolean sequenceParallel, boolean tpCommOverlap, boolean gradReduceFp32,
                              Fp8Scaling fp8Scaling, Optional<AttentionKernel> attentionKernel,
                              Optional<FineTuningSpec> fineTuning, boolean epCommOverlap, OptionalInt recomputeLayers,
                              Set<String> recomputeModules, MoeDispatcher moeDispatcher,
                              boolean gradAccumulationFusion, boolean ppCommOverlap, OptionalLong hostPerKernelNs) {

    /** Megatron-Core's selective-recompute modules the model knows. */
    public static final List<String> RECOMPUTE_MODULES = List.of("core_attn", "mlp", "moe", "moe_act", "layernorm", "mla_up_proj");

    public TrainingOptions {
        recomputeModules = Set.copyOf(recomputeModules);
        if (!RECOMPUTE_MODULES.containsAll(recomputeModules)) {
            throw new IllegalArgumentException("recompute modules must be among " + RECOMPUTE_MODULES);
        }
        if (recomputeLayers.isPresent() && recomputeLayers.getAsInt() < 0) {
            throw new IllegalArgumentException("recomputeLayers must be >= 0");
        }
        if (hostPerKernelNs.isPresent() && hostPerKernelNs.getAsLong() < 0) {
            throw new IllegalArgumentException("hostPerKernel must be >= 0");
        }
    }

    /** Megatron-Core's defaults for a layout with {@code tp} tensor-parallel ranks. */
    public static TrainingOptions defaults(int tp) {
        return new TrainingOptions(tp > 1, false, false, Fp8Scaling.DELAYED, Optional.empty(), Optional.empty(), false,
                OptionalInt.empty(), Set.of("core_attn"), MoeDispatcher.ALLTOALL, true, true, OptionalLong.empty());
    }

    public TrainingOptions withSequenceParallel(boolean on) {
        return new TrainingOptions(on, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel, fineTuning,
                epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion, ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withTpCommOverlap(boolean on) {
        return new TrainingOptions(sequenceParallel, on, gradReduceFp32, fp8Scaling, attentionKernel, fineTuning,
                epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion, ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withGradReduceFp32(boolean on) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, on, fp8Scaling, attentionKernel, fineTuning,
                epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion, ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withFp8Scaling(Fp8Scaling scaling) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, scaling, attentionKernel, fineTuning,
                epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion, ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withAttentionKernel(AttentionKernel kernel) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, Optional.of(kernel),
                fineTuning, epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion,
                ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withFineTuning(FineTuningSpec spec) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                Optional.of(spec), epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion,
                ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withEpCommOverlap(boolean on) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                fineTuning, on, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion,
                ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withRecomputeLayers(int layers) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                fineTuning, epCommOverlap, OptionalInt.of(layers), recomputeModules, moeDispatcher, gradAccumulationFusion,
                ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withRecomputeModules(Set<String> modules) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                fineTuning, epCommOverlap, recomputeLayers, modules, moeDispatcher, gradAccumulationFusion,
                ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withGradAccumulationFusion(boolean on) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                fineTuning, epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, on, ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withPpCommOverlap(boolean on) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                fineTuning, epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion, on,
                hostPerKernelNs);
    }

    public TrainingOptions withMoeDispatcher(MoeDispatcher dispatcher) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                fineTuning, epCommOverlap, recomputeLayers, recomputeModules, dispatcher, gradAccumulationFusion,
                ppCommOverlap, hostPerKernelNs);
    }

    public TrainingOptions withHostPerKernelNs(long ns) {
        return new TrainingOptions(sequenceParallel, tpCommOverlap, gradReduceFp32, fp8Scaling, attentionKernel,
                fineTuning, epCommOverlap, recomputeLayers, recomputeModules, moeDispatcher, gradAccumulationFusion,
                ppCommOverlap, OptionalLong.of(ns));
    }
}
