package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * The work of a transformer, counted two ways: the FLOPs conventions published results are
 * quoted in (model FLOPs per PaLM, hardware FLOPs per Megatron SC'21 Eq. 3), and the work one
 * tensor-parallel rank executes per layer and micro-batch, split into the operation classes the
 * roofline costs separately (dense GEMMs; the attention core; element-wise, norm and dropout
 * kernels; the logits head). Byte counts assume 2-byte activations, as mixed-precision
 * training keeps them whatever the GEMM precision.
 */
public final class FlopsModel {

    /**
     * HBM bytes per element of the b·a·s² score matrix when attention is not fused, forward:
     * QK^T writes it (2), the fused scale-mask-softmax reads and writes it (4), dropout reads it
     * and writes it plus a 1-byte mask (5), the probabilities·V batched GEMM reads it (2).
     */
    static final double SCORE_BYTES_FWD = 13;
    /**
     * Backward: the gradient of the probabilities is written (2) and dV reads the dropped-out
     * probabilities (2); dropout backward reads gradient and mask and writes (5); softmax
     * backward reads gradient and output and writes (6); dQ and dK each read the score gradient (4).
     */
    static final double SCORE_BYTES_BWD = 19;
    /**
     * Element-wise bytes per s·b·h of one layer's forward that tensor parallelism does not split:
     * two layer norms reading and writing the hidden state (2 × 4) and two fused
     * bias-dropout-residual adds reading two inputs, writing the sum and a 1-byte mask (2 × 7).
     */
    static final double ELEMENTWISE_UNSPLIT_BYTES_FWD = 22;
    /** The layout copy of the attention context into [s, b, h/t] before the output projection (read + write). */
    static final double ELEMENTWISE_CONTEXT_COPY_BYTES_FWD = 4;
    /** Backward element-wise traffic relative to forward: each kernel reads its saved input and the incoming gradient and writes one gradient. */
    static final double ELEMENTWISE_BWD_OVER_FWD = 2;
    /** Fused attention reads Q, K, V and writes O once per s·b·h/t forward (4 × 2 bytes); backward about twice that. */
    static final double FLASH_BYTES_FWD = 8;
    /** Cross-entropy bytes per logit (b·s·V/t): forward reads bf16 logits (2) and writes and re-reads fp32 probabilities (8). */
    static final double CROSS_ENTROPY_BYTES_FWD = 10;
    /** Cross-entropy backward per logit: reads fp32 probabilities (4), writes the bf16 gradient (2), target gather and scaling (2). */
    static final double CROSS_ENTROPY_BYTES_BWD = 8;

    /**
     * Work of one transformer layer for one micro-batch on one tensor-parallel rank, forward and
     * backward, by operation class.
     *
     * @param gemmFlopsFwd QKV, output projection and MLP GEMMs
     * @param attentionFlopsFwd QK^T and probabilities·V batched GEMMs
     * @param attentionBytesFwd HBM traffic of the attention core (the s×s matrix unless fused)
     * @param attentionBytesBwd same, backward
     * @param elementwiseBytesFwd norms, activation function, bias-dropout-residual, layout copies
     * @param elementwiseBytesBwd same, backward
     */
    public record LayerWork(double gemmFlopsFwd, double attentionFlopsFwd, double attentionBytesFwd,
                            double attentionBytesBwd, double elementwiseBytesFwd, double elementwiseBytesBwd) {
    }

    /**
     * Work of the output head (logits GEMM and vocabulary-parallel cross-entropy) for one
     * micro-batch on one tensor-parallel rank of the last pipeline stage.
     */
    public record HeadWork(double gemmFlopsFwd, double bytesFwd, double bytesBwd) {
    }

    private FlopsModel() {
    }

    /** Per-layer work of micro-batch {@code b} sequences on one of {@code tp} tensor-parallel ranks. */
    public static LayerWork layerWork(ModelSpec m, int b, int tp, boolean flashAttention) {
        double s = m.seqLength();
        double h = m.hidden();
        double sbh = s * b * h;
        double gemm = 2.0 * b * s * gemmWidthPerToken(m) / tp;
        double attnFlops = 4.0 * b * s * s * h / tp;
        double scoreElements = (double) b * m.heads() * s * s / tp;
        double attnFwd = flashAttention ? FLASH_BYTES_FWD * sbh / tp : SCORE_BYTES_FWD * scoreElements;
        double attnBwd = flashAttention ? 2 * FLASH_BYTES_FWD * sbh / tp : SCORE_BYTES_BWD * scoreElements;
        // The activation function reads its input and writes its output over the ffn width
        // (2 bytes each); a gated MLP reads two inputs.
        double activationBytesPerToken = (m.gatedMlp() ? 6.0 : 4.0) * m.ffnHidden();
        double elemFwd = ELEMENTWISE_UNSPLIT_BYTES_FWD * sbh
                + (ELEMENTWISE_CONTEXT_COPY_BYTES_FWD * sbh + activationBytesPerToken * s * b) / tp;
        return new LayerWork(gemm, attnFlops, attnFwd, attnBwd, elemFwd, ELEMENTWISE_BWD_OVER_FWD * elemFwd);
    }

    /** Output-head work of micro-batch {@code b} on one of {@code tp} ranks. */
    public static HeadWork headWork(ModelSpec m, int b, int tp) {
        double logits = (double) b * m.seqLength() * m.vocab() / tp;
        return new HeadWork(2.0 * logits * m.hidden(), CROSS_ENTROPY_BYTES_FWD * logits, CROSS_ENTROPY_BYTES_BWD * logits);
    }

    /**
     * Model FLOPs per iteration in the PaLM convention (Chowdhery et al. 2022, App. B; also
     * llm-foundry's MFU): {@code (6·N + 12·L·h·s) · tokens}; recomputation is not counted.
     */
    public static double modelFlopsPerIteration(TrainingJobSpec job) {
        ModelSpec m = job.model();
        double perToken = 6.0 * m.parameterCount() + 12.0 * m.layers() * m.hidden() * (double) m.seqLength();
        return perToken * job.tokensPerIteration();
    }

    /**
     * FLOPs executed per iteration, counted as Megatron SC'21 Eq. 3 counts them: each layer's
     * GEMMs and attention scores three times (forward, two for backward) plus once more for what
     * recomputation replays (the whole layer for full, the attention core for selective), and
     * the logits GEMM three times. For a GPT shape with full recomputation this is exactly
     * {@code 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h))}.
     */
    public static double hardwareFlopsPerIteration(TrainingJobSpec job) {
        ModelSpec m = job.model();
        double s = m.seqLength();
        double h = m.hidden();
        double gemmPerSeq = 2.0 * s * gemmWidthPerToken(m);
        double attnPerSeq = 4.0 * s * s * h;
        double gemmPasses = job.recompute() == Recompute.FULL ? 4 : 3;
        double attnPasses = job.recompute() == Recompute.NONE ? 3 : 4;
        double layers = m.layers() * (gemmPasses * gemmPerSeq + attnPasses * attnPerSeq);
        double head = 3 * 2.0 * s * h * m.vocab();
        return job.globalBatchSeqs() * (layers + head);
    }

    /** Multiply-accumulate width of one token through a layer's dense GEMMs: q, k, v, out and the MLP. */
    static double gemmWidthPerToken(ModelSpec m) {
        double h = m.hidden();
        double kvDim = h / m.heads() * m.kvHeads();
        double mlp = (m.gatedMlp() ? 3.0 : 2.0) * m.ffnHidden();
        return h * (2 * h + 2 * kvDim + mlp);
    }
}
