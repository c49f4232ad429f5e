package dev.fleetsim.engine.workload;

/**
 * A transformer's shape. Dense decoder-only; {@code gatedMlp} selects a SwiGLU-style MLP
 * (three matrices) over the GPT two-matrix MLP; {@code kvHeads < heads} is grouped-query attention.
 *
 * @param name catalogue key or a user label
 * @param layers transformer layers
 * @param hidden model (embedding) width
 * @param heads attention heads
 * @param kvHeads key/value heads (equal to {@code heads} without GQA)
 * @param ffnHidden MLP inner width
 * @param gatedMlp whether the MLP has a gate projection (SwiGLU)
 * @param vocab vocabulary size
 * @param seqLength training sequence length in tokens
 */
public record ModelSpec(String name, int layers, int hidden, int heads, int kvHeads, int ffnHidden,
                        boolean gatedMlp, int vocab, int seqLength) {

    /** A GPT-style model as in Megatron SC'21: ffn = 4h, no GQA, no gate. */
    public static ModelSpec gpt(String name, int layers, int hidden, int heads, int vocab, int seqLength) {
        return new ModelSpec(name, layers, hidden, heads, heads, 4 * hidden, false, vocab, seqLength);
    }

    /** Parameter count: attention and MLP matrices, layer norms, and the (tied) embedding. */
    public long parameterCount() {
        long h = hidden;
        long kvDim = h / heads * kvHeads;
        long attention = h * h + 2 * h * kvDim + h * h + 2 * h + 2 * kvDim; // q, k, v, out (+ biases)
        long mlp = (gatedMlp ? 3L : 2L) * h * ffnHidden + ffnHidden + h;
        long norms = 4 * h;
        long perLayer = attention + mlp + norms;
        return layers * perLayer + (long) vocab * h + (long) seqLength * h + 2 * h;
    }
}
