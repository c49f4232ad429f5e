package dev.fleetsim.calibration.raw;

import dev.fleetsim.engine.hardware.Precision;

/**
 * One attention forward pass.
 *
 * @param where file and line
 * @param device CUDA device index
 * @param impl {@code cudnn-sdpa} (fused) or {@code unfused} (two batched GEMMs and a softmax)
 * @param dtype precision of Q, K, V and O
 * @param batch batch size
 * @param heads attention heads
 * @param seq sequence length (queries = keys)
 * @param headDim head dimension
 * @param causal whether a causal mask was applied
 * @param timeS median time of one forward pass
 */
public record AttentionPoint(String where, int device, String impl, Precision dtype, long batch, long heads, long seq,
                             long headDim, boolean causal, double timeS) implements Measurement {

    /** The fused implementation's name in raw files. */
    public static final String FUSED = "cudnn-sdpa";
    /** The unfused reference's name in raw files. */
    public static final String UNFUSED = "unfused";

    /** FLOPs of the two matmuls, 4·b·h·s²·d, halved with a causal mask. */
    public double flops() {
        double f = 4.0 * batch * heads * (double) seq * seq * headDim;
        return causal ? f / 2 : f;
    }

    /** Keys each query attends to on average (half the sequence with a causal mask). */
    public double keysPerQuery() {
        return causal ? seq / 2.0 : seq;
    }
}
