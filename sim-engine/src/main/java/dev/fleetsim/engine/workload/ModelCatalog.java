package dev.fleetsim.engine.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Named transformer shapes a scenario can refer to by name. Shapes are the published
 * architectures (GPT-3, Llama 2/3/3.1, the Megatron SC'21 GPT sizes, MosaicML MPT) and the
 * mixture-of-experts ones (Mixtral 8x7B, DeepSeek-V3, Qwen3-30B-A3B and 235B-A22B, GPT-OSS-120B).
 */
public final class ModelCatalog {

    private static final Map<String, ModelSpec> MODELS;

    static {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        add(m, ModelSpec.gpt("gpt-1.3b", 24, 2048, 16, 51200, 2048));
        add(m, ModelSpec.gpt("gpt3-175b", 96, 12288, 96, 51200, 2048));
        // Llama 2 (Touvron et al. 2023): SwiGLU MLP, 70B uses grouped-query attention with 8 KV heads.
        add(m, new ModelSpec("llama2-7b", 32, 4096, 32, 32, 11008, true, 32000, 4096));
        add(m, new ModelSpec("llama2-13b", 40, 5120, 40, 40, 13824, true, 32000, 4096));
        add(m, new ModelSpec("llama2-70b", 80, 8192, 64, 8, 28672, true, 32000, 4096));
        // Llama 3 (Dubey et al. 2024): 128K vocabulary, GQA with 8 KV heads everywhere.
        add(m, new ModelSpec("llama3-8b", 32, 4096, 32, 8, 14336, true, 128256, 8192));
        add(m, new ModelSpec("llama3-70b", 80, 8192, 64, 8, 28672, true, 128256, 8192));
        add(m, new ModelSpec("llama3-405b", 126, 16384, 128, 8, 53248, true, 128256, 8192));
        // Megatron-LM SC'21 Table 1 GPT sizes (Narayanan et al.), vocabulary 51,200, sequence 2,048.
        int[][] megatron = {
                {24, 2304, 24}, {30, 3072, 32}, {36, 4096, 32}, {40, 6144, 48}, {48, 8192, 64},
                {60, 10240, 80}, {80, 12288, 96}, {96, 16384, 128}, {105, 20480, 128}, {128, 25600, 160}};
        String[] megatronNames = {"1.7b", "3.6b", "7.5b", "18.4b", "39.1b", "76.1b", "145.6b", "310.1b", "529.6b", "1t"};
        for (int i = 0; i < megatron.length; i++) {
            add(m, ModelSpec.gpt("megatron-" + megatronNames[i], megatron[i][0], megatron[i][1], megatron[i][2],
                    51200, 2048));
        }
        // MosaicML MPT (llm-foundry yamls): GPT-style, expansion ratio 4, vocabulary 50,368, ALiBi
        // instead of learned positions, no dropout (attn_pdrop and resid_pdrop 0), tied embedding.
        add(m, mpt("mpt-1b", 24, 2048, 16));
        add(m, mpt("mpt-7b", 32, 4096, 32));
        add(m, mpt("mpt-13b", 40, 5120, 40));
        add(m, mpt("mpt-30b", 48, 7168, 64));
        add(m, mpt("mpt-70b", 80, 8192, 64));
        // Mixture-of-experts shapes, from each model's published config (Hugging Face config.json).
        // Mixtral 8x7B (Jiang et al. 2024): Mistral-7B attention, 8 SwiGLU experts, top-2.
        add(m, moe("mixtral-8x7b", 32, 4096, 32, 8, 128, 14336, 32000, 4096,
                MoeSpec.dropless(8, 2, 14336, 0, 0, 0)));
        // DeepSeek-V3 (arXiv:2412.19437): MLA (q rank 1536, kv rank 512, nope 128 + rope 64, v 128),
        // first 3 layers dense (18432), then 256 routed experts of 2048, top-8, one shared expert.
        add(m, new ModelSpec("deepseek-v3", 61, 7168, 128, 128, 18432, true, 129280, 4096, 128, false, false, false,
                Optional.of(MoeSpec.dropless(256, 8, 2048, 1, 2048, 3)), Optional.of(new MlaSpec(1536, 512, 128, 64, 128)),
                OptionalInt.empty(), 0));
        // Qwen3 MoE (Qwen3 technical report; config.json): head dim 128 beside a smaller hidden, 128 experts, top-8;
        // RMS norms on each query and key head (Megatron-Bridge v0.2.1 Qwen3MoEModelProvider: qk_layernorm = True).
        add(m, moe("qwen3-30b-a3b", 48, 2048, 32, 4, 128, 6144, 151936, 4096, MoeSpec.dropless(128, 8, 768, 0, 0, 0))
                .withQkNorm(true));
        add(m, moe("qwen3-235b-a22b", 94, 4096, 64, 4, 128, 12288, 151936, 4096,
                MoeSpec.dropless(128, 8, 1536, 0, 0, 0)).withQkNorm(true));
        // GPT-OSS-120B (OpenAI model card, config.json): 36 layers of width 2880, 64 query / 8 KV heads of 64,
        // 128 experts of 2880, top-4, sliding window of 128 on every other layer, vocabulary 201,088; biased
        // linears (add_bias_linear in Megatron-Bridge's GPTOSSProvider), so its experts carry output biases.
        add(m, new ModelSpec("gpt-oss-120b", 36, 2880, 64, 8, 2880, true, 201088, 4096, 64, false, false, false,
                Optional.of(MoeSpec.dropless(128, 4, 2880, 0, 0, 0).withExpertBias(true)), Optional.empty(),
                OptionalInt.of(128), 18));
        add(m, m.get("llama3-405b").withName("llama3.1-405b"));
        MODELS = Collections.unmodifiableMap(m);
    }

    private ModelCatalog() {
    }

    private static ModelSpec moe(String name, int layers, int hidden, int heads, int kvHeads, int headDim, int ffn,
                                 int vocab, int seq, MoeSpec moe) {
        return new ModelSpec(name, layers, hidden, heads, kvHeads, ffn, true, vocab, seq, headDim, false, false, false,
                Optional.of(moe), Optional.empty(), OptionalInt.empty(), 0);
    }

    private static ModelSpec mpt(String name, int layers, int hidden, int heads) {
        return new ModelSpec(name, layers, hidden, heads, heads, 4 * hidden, false, 50368, 2048, hidden / heads, true,
                false, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), 0);
    }

    private static void add(Map<String, ModelSpec> m, ModelSpec spec) {
        m.put(spec.name(), spec);
    }

    public static Optional<ModelSpec> find(String name) {
        return Optional.ofNullable(MODELS.get(name));
    }

    public static Map<String, ModelSpec> all() {
        return MODELS;
    }
}
