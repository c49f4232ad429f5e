package dev.fleetsim.engine.workload;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A decoder-only transformer's shape. {@code gatedMlp} selects a SwiGLU-style MLP (three
 * matrices) over the GPT two-matrix MLP; {@code kvHeads < heads} is grouped-query attention;
 * {@code headDim} may differ from {@code hidden / heads} (Qwen3, GPT-OSS); {@code moe} routes
 * the MLP of its layers to experts; {@code mla} replaces the attention projections by DeepSeek's
 * latent ones; {@code slidingWindow} limits the keys of {@code slidingWindowLayers} layers; {@code qkNorm}
 * normalises each query and key head before attention (Qwen3).
 * Parameter counts include linear biases for GPT-style (non-gated) models, as Megatron's Eq. 2
 * does, and none for gated (Llama-style) ones.
 *
 * @param name catalogue key or a user label
 * @param layers transformer layers
 * @param hidden model (embedding) width
 * @param heads attention (query) heads
 * @param kvHeads key/value heads (equal to {@code heads} without GQA)
 * @param ffnHidden inner width of a dense MLP
 * @param gatedMlp whether an MLP (dense or expert) has a gate projection (SwiGLU)
 * @param vocab vocabulary size
 * @param seqLength training sequence length in tokens
 * @param headDim per-head query/key/value dimension
 * @param tiedEmbeddings whether the output head reuses the input embedding (GPT) or has its own (Llama)
 * @param learnedPositions whether the model has a learned position embedding table (GPT-2/3) rather than RoPE/ALiBi
 * @param dropout whether training applies dropout (masks in HBM and in saved activations); 2021 GPT recipes did, today's LLMs do not
 * @param moe the mixture-of-experts layout, or empty for a dense model
 * @param mla the latent-attention layout, or empty for standard (grouped-query) attention
 * @param slidingWindow keys per query in windowed layers, or empty
 * @param slidingWindowLayers how many layers use the window (GPT-OSS: every other one)
 * @param qkNorm whether each query and key head is RMS-normalised over its head dimension before attention
 *               (Megatron-Core's {@code qk_layernorm}: Qwen3)
 */
public record ModelSpec(String name, int layers, int hidden, int heads, int kvHeads, int ffnHidden,
                        boolean gatedMlp, int vocab, int seqLength, int headDim, boolean tiedEmbeddings,
                        boolean learnedPositions, boolean dropout, Optional<MoeSpec> moe, Optional<MlaSpec> mla,
                        OptionalInt slidingWindow, int slidingWindowLayers, boolean qkNorm) {

    /** A model without query/key norms. */
    public ModelSpec(String name, int layers, int hidden, int heads, int kvHeads, int ffnHidden, boolean gatedMlp, int vocab,
                     int seqLength, int headDim, boolean tiedEmbeddings, boolean learnedPositions, boolean dropout,
                     Optional<MoeSpec> moe, Optional<MlaSpec> mla, OptionalInt slidingWindow, int slidingWindowLayers) {
        this(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength, headDim, tiedEmbeddings,
                learnedPositions, dropout, moe, mla, slidingWindow, slidingWindowLayers, false);
    }

    public ModelSpec {
        if (layers < 1 || hidden < 1 || heads < 1 || kvHeads < 1 || ffnHidden < 1 || vocab < 1 || seqLength < 1 || headDim < 1) {
            throw new IllegalArgumentException("model " + name + ": every dimension must be >= 1");
        }
        if (slidingWindowLayers < 0 || slidingWindowLayers > layers
                || slidingWindowLayers > 0 && slidingWindow.isEmpty()) {
            throw new IllegalArgumentException("model " + name + ": slidingWindowLayers in [0, layers], with a window");
        }
    }

    /**
     * A dense model as the original catalogue described it: head dimension {@code hidden/heads},
     * tied input/output embedding, a learned position table and dropout when the MLP is GPT-style
     * (GPT-3, Megatron SC'21), RoPE, no dropout and untied embeddings when it is gated (Llama).
     */
    public ModelSpec(String name, int layers, int hidden, int heads, int kvHeads, int ffnHidden, boolean gatedMlp,
                     int vocab, int seqLength) {
        this(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength, hidden / heads, !gatedMlp,
                !gatedMlp, !gatedMlp, Optional.empty(), Optional.empty(), OptionalInt.empty(), 0);
    }

    /** A GPT-style model as in Megatron SC'21: ffn = 4h, no GQA, no gate, learned positions, tied embedding, dropout. */
    public static ModelSpec gpt(String name, int layers, int hidden, int heads, int vocab, int seqLength) {
        return new ModelSpec(name, layers, hidden, heads, heads, 4 * hidden, false, vocab, seqLength);
    }

    public ModelSpec withSeqLength(int newSeqLength) {
        return new ModelSpec(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, newSeqLength, headDim,
                tiedEmbeddings, learnedPositions, dropout, moe, mla, slidingWindow, slidingWindowLayers, qkNorm);
    }

    public ModelSpec withName(String newName) {
        return new ModelSpec(newName, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength, headDim,
                tiedEmbeddings, learnedPositions, dropout, moe, mla, slidingWindow, slidingWindowLayers, qkNorm);
    }

    public ModelSpec withDropout(boolean newDropout) {
        return new ModelSpec(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength, headDim,
                tiedEmbeddings, learnedPositions, newDropout, moe, mla, slidingWindow, slidingWindowLayers, qkNorm);
    }

    public ModelSpec withMoe(MoeSpec newMoe) {
        return new ModelSpec(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength, headDim,
                tiedEmbeddings, learnedPositions, dropout, Optional.of(newMoe), mla, slidingWindow, slidingWindowLayers, qkNorm);
    }

    /** The same model with or without query/key norms. */
    public ModelSpec withQkNorm(boolean norm) {
        return new ModelSpec(name, layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocab, seqLength, headDim,
                tiedEmbeddings, learnedPositions, dropout, moe, mla, slidingWindow, slidingWindowLayers, norm);
    }

    /** Whether layer {@code i} (0-based) routes its MLP to experts. */
    public boolean isMoeLayer(int i) {
        return moe.isPresent() && i >= moe.get().denseLayers();
    }

    /** Layers with a routed MLP. */
    public int moeLayers() {
        return moe.map(e -> layers - Math.min(layers, e.denseLayers())).orElse(0);
    }

    /** Query projection width (heads · query head dim). */
    public long queryWidth() {
        return (long) heads * mla.map(MlaSpec::qkHeadDim).orElse(headDim);
    }

    /** Parameters of one layer's attention: projections, biases of GPT-style models, norms excluded. */
    public long attentionParams() {
        long h = hidden;
        if (mla.isPresent()) {
            MlaSpec a = mla.get();
            long q = a.qLoraRank() > 0 ? h * a.qLoraRank() + a.qLoraRank() + (long) a.qLoraRank() * heads * a.qkHeadDim()
                    : h * heads * a.qkHeadDim();
            long kv = h * (a.kvLoraRank() + a.qkRopeHeadDim()) + a.kvLoraRank()
                    + (long) a.kvLoraRank() * heads * (a.qkNopeHeadDim() + a.vHeadDim());
            return q + kv + (long) heads * a.vHeadDim() * h;
        }
        long q = h * heads * headDim;
        long kv = 2 * h * kvHeads * headDim;
        long out = (long) heads * headDim * h;
        long biases = gatedMlp ? 0 : (long) heads * headDim + 2L * kvHeads * headDim + h;
        return q + kv + out + biases;
    }

    /** Parameters of one dense MLP of width {@code width}. */
    public long mlpParams(int width) {
        long biases = gatedMlp ? 0 : width + hidden;
        return (gatedMlp ? 3L : 2L) * hidden * width + biases;
    }

    /** Parameters of one layer (all experts of an MoE layer, router included), norms included. */
    public long layerParams(int i) {
        long norms = 4L * hidden + (qkNorm ? 2L * headDim : 0);
        long mlp;
        if (isMoeLayer(i)) {
            MoeSpec e = moe.get();
            mlp = e.experts() * mlpParams(e.moeFfnHidden()) + (long) e.experts() * hidden
                    + e.sharedExperts() * mlpParams(e.sharedFfnHidden());
        } else {
            mlp = mlpParams(ffnHidden);
        }
        return attentionParams() + mlp + norms;
    }

    /** Token embedding, learned positions, the final norm and an untied output head. */
    public long embeddingParams() {
        long h = hidden;
        return (long) vocab * h * (tiedEmbeddings ? 1 : 2) + (learnedPositions ? (long) seqLength * h : 0) + 2 * h;
    }

    /** Parameter count: every layer (every expert) and the embeddings. */
    public long parameterCount() {
        long total = embeddingParams();
        for (int i = 0; i < layers; i++) {
            total += layerParams(i);
        }
        return total;
    }

    /** Parameters a token passes through: the routed layers count only their top-k and shared experts. */
    public long activeParameterCount() {
        long total = embeddingParams();
        for (int i = 0; i < layers; i++) {
            if (isMoeLayer(i)) {
                MoeSpec e = moe.get();
                total += attentionParams() + 4L * hidden + e.topK() * mlpParams(e.moeFfnHidden())
                        + (long) e.experts() * hidden + e.sharedExperts() * mlpParams(e.sharedFfnHidden());
            } else {
                total += layerParams(i);
            }
        }
        return total;
    }
}
