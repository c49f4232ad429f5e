package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.workload.MlaSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * The FLOPs of a transformer in the conventions published results are quoted in: model FLOPs
 * per PaLM (what MFU divides), Megatron-Core's own count (what its logs and Megatron-Bridge's
 * tables report), and the FLOPs the kernels execute with recomputation counted (hardware FLOPs;
 * Megatron SC'21 Eq. 3 for its GPT shapes). How long they take, kernel by kernel, is
 * {@link LayerCompute}'s.
 */
public final class FlopsModel {

    private FlopsModel() {
    }

    /**
     * Model FLOPs per iteration in the PaLM convention (Chowdhery et al. 2022, App. B; also
     * llm-foundry's MFU): {@code (6·N + 12·L·H·Q·s) · tokens} with {@code N} the parameters a token
     * passes through (an MoE layer's top-k and shared experts) and {@code H·Q} the query width;
     * recomputation is not counted, nor is causal masking. A frozen base (LoRA, QLoRA) needs no
     * weight gradients: {@code 4·N} for the base (forward and activation gradients) plus
     * {@code 6·A} for the adapters' {@code A} parameters; attention is unchanged (its backward
     * still computes every input gradient).
     */
    public static double modelFlopsPerIteration(TrainingJobSpec job) {
        ModelSpec m = job.model();
        double attention = 12.0 * m.layers() * m.queryWidth() * (double) m.seqLength();
        double perToken = frozenBase(job) ? 4.0 * m.activeParameterCount() + 6.0 * adapterParams(job) + attention
                : 6.0 * m.activeParameterCount() + attention;
        return perToken * job.tokensPerIteration();
    }

    /**
     * FLOPs the kernels execute per iteration (the numerator of hardware FLOPs utilisation),
     * counted from the model's own shapes: each layer's GEMMs (the real widths: grouped-query
     * projections, a gated MLP's three matrices, an MoE layer's top-k and shared experts, MLA's
     * latent projections) and its attention core three times (forward, two for backward), plus
     * what recomputation replays (the whole layer, or the share {@code recomputeLayers} gives, for
     * full; the modules {@code recomputeModules} lists for selective: the attention core and the
     * MLP GEMMs), and the logits GEMM three times. The attention core counts the score elements
     * the kernel computes ({@link #keysPerQuery}): a fused kernel skips the causally
     * masked half (and keys beyond a sliding window), the unfused one of Megatron 2021 computes the
     * whole masked matrix. For a GPT shape with unfused attention and full recomputation this is
     * exactly Megatron SC'21 Eq. 3, {@code 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h))}; without
     * recomputation and with a fused kernel it is Megatron-Core's own count
     * ({@link #megatronFlopsPerIteration} with the causal half). With a frozen base the GEMMs and
     * the logits run twice instead of three times (no weight gradients), the adapters three times.
     *
     * @param fusedAttention whether the job's attention kernel is a fused (causal-skipping) one
     */
    public static double hardwareFlopsPerIteration(TrainingJobSpec job, boolean fusedAttention) {
        ModelSpec m = job.model();
        double s = m.seqLength();
        boolean frozen = frozenBase(job);
        double passes = frozen ? 2 : 3;
        double replayAll = job.recompute() == Recompute.FULL ? LayerCompute.fullRecomputeFraction(job) : 0;
        boolean selective = job.recompute() == Recompute.SELECTIVE;
        double attnReplay = selective && job.options().recomputeModules().contains("core_attn") ? 1 : replayAll;
        double mlpReplay = selective && job.options().recomputeModules().contains("mlp") ? 1 : replayAll;
        double mlp = 2.0 * s * mlpWidthPerToken(m);
        double projections = 2.0 * s * attentionWidthPerToken(m);
        double layers = (passes + replayAll) * projections * m.layers() + (passes + mlpReplay) * mlp * m.layers()
                + (3 + attnReplay) * attentionCoreFlops(m, fusedAttention);
        double head = passes * 2.0 * s * m.hidden() * m.vocab();
        double adapters = frozen ? (3 + replayAll) * 2.0 * s * adapterParams(job) : 0;
        return job.globalBatchSeqs() * (layers + head + adapters);
    }

    /**
     * FLOPs per iteration as Megatron-Core counts them for its throughput log ("TFLOP/s/GPU", what
     * Megatron-Bridge's performance tables publish and its README's MFU divides):
     * {@code num_floating_point_operations} in {@code megatron/training/training.py} — every GEMM
     * three times with the model's real widths (SwiGLU's three matrices, grouped-query K/V, routed
     * top-k and shared experts), the attention core three times, the logits three times, no
     * recomputation, no biases or norms. Since core_r0.12 (March 2025, "only half of the attention
     * matrix is non-zero") the core counts the causal half of the score matrix; up to core_r0.11
     * (and in the README's 2024 benchmarks, core_r0.8) the whole matrix: {@code causalHalf}. Sliding
     * windows are not counted (Megatron does not).
     */
    public static double megatronFlopsPerIteration(TrainingJobSpec job, boolean causalHalf) {
        ModelSpec m = job.model();
        double s = m.seqLength();
        double keys = causalHalf ? s / 2 : s;
        double core = 2.0 * s * keys * m.heads() * (qkHeadDim(m) + vHeadDim(m)) * m.layers();
        double perSeq = 3 * (2.0 * s * gemmWidthPerToken(m) * m.layers() + core + 2.0 * s * m.hidden() * m.vocab());
        return job.globalBatchSeqs() * perSeq;
    }

    /** Forward FLOPs of every layer's attention core for one sequence: 2 FLOPs per score element and head dimension, QK^T and PV. */
    private static double attentionCoreFlops(ModelSpec m, boolean fused) {
        double s = m.seqLength();
        double perKey = 2.0 * s * m.heads() * (qkHeadDim(m) + vHeadDim(m));
        AttentionKernel kernel = fused ? AttentionKernel.FLASH2 : AttentionKernel.UNFUSED;
        int windowed = m.slidingWindowLayers();
        return perKey * ((m.layers() - windowed) * keysPerQuery(m, kernel, false)
                + windowed * keysPerQuery(m, kernel, true));
    }

    /**
     * Keys each query is scored against, on average over the sequence: the whole masked {@code s}
     * for unfused attention (Megatron 2021 computes the full score matrix); for a fused kernel the
     * causal half, which it skips block by block, capped by a sliding window in windowed layers.
     */
    static double keysPerQuery(ModelSpec m, AttentionKernel kernel, boolean windowed) {
        double s = m.seqLength();
        if (kernel == AttentionKernel.UNFUSED) {
            return s;
        }
        double keys = s / 2;
        return windowed && m.slidingWindow().isPresent() ? Math.min(keys, m.slidingWindow().getAsInt()) : keys;
    }

    private static double qkHeadDim(ModelSpec m) {
        return m.mla().map(MlaSpec::qkHeadDim).orElse(m.headDim());
    }

    private static double vHeadDim(ModelSpec m) {
        return m.mla().map(a -> (double) a.vHeadDim()).orElse((double) m.headDim());
    }

    private static boolean frozenBase(TrainingJobSpec job) {
        return job.options().fineTuning().map(f -> f.frozenBase()).orElse(false);
    }

    /** The adapter parameters a token passes through (of a routed MoE layer, its top-k experts' adapters). */
    private static double adapterParams(TrainingJobSpec job) {
        ModelSpec m = job.model();
        var ft = job.options().fineTuning().orElseThrow();
        double total = 0;
        for (int i = 0; i < m.layers(); i++) {
            boolean routed = m.isMoeLayer(i) && !m.moe().get().isTrivial();
            total += StageParams.adapterParams(m, ft, i, routed ? m.moe().get().topK() : 1);
        }
        return total;
    }

    /**
     * Multiply-accumulate width of one token through the dense GEMMs of an average layer: the
     * attention projections and the MLP it passes through (an MoE layer's top-k and shared
     * experts), weights only (biases are not GEMM work).
     */
    static double gemmWidthPerToken(ModelSpec m) {
        return attentionWidthPerToken(m) + mlpWidthPerToken(m);
    }

    /** The attention part of {@link #gemmWidthPerToken}: the Q, K, V and output projections (MLA's latent ones). */
    private static double attentionWidthPerToken(ModelSpec m) {
        double h = m.hidden();
        return m.mla().isPresent() ? m.attentionParams()
                : h * ((double) m.heads() * m.headDim() + 2.0 * m.kvHeads() * m.headDim()) + (double) m.heads() * m.headDim() * h;
    }

    /** The MLP part of {@link #gemmWidthPerToken}: an average layer's dense MLP or its top-k and shared experts. */
    private static double mlpWidthPerToken(ModelSpec m) {
        double h = m.hidden();
        double matrices = m.gatedMlp() ? 3 : 2;
        double mlp = 0;
        for (int i = 0; i < m.layers(); i++) {
            if (m.isMoeLayer(i)) {
                var e = m.moe().get();
                mlp += matrices * h * ((double) e.topK() * e.moeFfnHidden() + (double) e.sharedExperts() * e.sharedFfnHidden());
            } else {
                mlp += matrices * h * m.ffnHidden();
            }
        }
        return mlp / m.layers();
    }
}
