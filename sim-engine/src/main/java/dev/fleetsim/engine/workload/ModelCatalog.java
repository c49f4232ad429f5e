package dev.fleetsim.engine.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Named transformer shapes a scenario can refer to by name. Shapes are the published
 * architectures (GPT-3, Llama 2/3, the Megatron SC'21 GPT sizes, MosaicML MPT).
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
        MODELS = Collections.unmodifiableMap(m);
    }

    private ModelCatalog() {
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
