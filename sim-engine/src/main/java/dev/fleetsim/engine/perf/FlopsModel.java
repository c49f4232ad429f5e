package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * The FLOPs of a transformer in the conventions published results are quoted in: model FLOPs
 * per PaLM (what MFU divides) and hardware FLOPs per Megatron SC'21 Eq. 3 (recomputation
 * counted). What a GPU actually executes, kernel by kernel, is {@link LayerCompute}'s.
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
     * FLOPs executed per iteration, counted as Megatron SC'21 Eq. 3 counts them: each layer's
     * GEMMs and attention scores three times (forward, two for backward) plus once more for what
     * recomputation replays (the whole layer for full, the attention core for selective), and
     * the logits GEMM three times. For a GPT shape with full recomputation this is exactly
     * {@code 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h))}. With a frozen base the GEMMs and the logits
     * run twice instead of three times (no weight gradients), the adapters three times.
     */
    public static double hardwareFlopsPerIteration(TrainingJobSpec job) {
        ModelSpec m = job.model();
        double s = m.seqLength();
        double h = m.hidden();
        boolean frozen = frozenBase(job);
        double gemmPerSeq = 2.0 * s * gemmWidthPerToken(m);
        double attnPerSeq = 4.0 * s * s * m.queryWidth();
        double passes = frozen ? 2 : 3;
        double gemmPasses = job.recompute() == Recompute.FULL ? passes + 1 : passes;
        double attnPasses = job.recompute() == Recompute.NONE ? 3 : 4;
        double layers = m.layers() * (gemmPasses * gemmPerSeq + attnPasses * attnPerSeq);
        double head = passes * 2.0 * s * h * m.vocab();
        double adapters = frozen ? (job.recompute() == Recompute.FULL ? 4 : 3) * 2.0 * s * adapterParams(job) : 0;
        return job.globalBatchSeqs() * (layers + head + adapters);
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
        double h = m.hidden();
        double attention = m.mla().isPresent() ? m.attentionParams()
                : h * ((double) m.heads() * m.headDim() + 2.0 * m.kvHeads() * m.headDim()) + (double) m.heads() * m.headDim() * h;
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
        return attention + mlp / m.layers();
    }
}
