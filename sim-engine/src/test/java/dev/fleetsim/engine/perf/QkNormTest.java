package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Query/key norms (Megatron-Core's {@code qk_layernorm}: {@code SelfAttention} runs {@code q_layernorm} and
 * {@code k_layernorm}, TENorm over the head dimension, on the projected query and key heads; Qwen3 has them,
 * Megatron-Bridge v0.2.1 {@code Qwen3MoEModelProvider.qk_layernorm = True}): each is a norm over the rank's
 * heads, read and written in 16 bits forward (4 B an element), twice that backward, its input kept for backward.
 */
class QkNormTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");
    private static final KernelCosts K = new KernelCosts(H100);

    private static TrainingJobSpec job(ModelSpec model, int tp) {
        ParallelismSpec par = new ParallelismSpec(tp, 1, 8, 1, 1, 8, 1, OptionalInt.empty(), OptionalInt.empty());
        return new TrainingJobSpec("qk", model, Precision.BF16, 64, 1, par, Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0,
                Optional.empty());
    }

    @Test
    void theCatalogueGivesQwen3ItsNormsAndNoOtherModel() {
        assertTrue(ModelCatalog.find("qwen3-30b-a3b").orElseThrow().qkNorm());
        assertTrue(ModelCatalog.find("qwen3-235b-a22b").orElseThrow().qkNorm());
        assertFalse(ModelCatalog.find("gpt-oss-120b").orElseThrow().qkNorm());
        assertFalse(ModelCatalog.find("deepseek-v3").orElseThrow().qkNorm());
        assertFalse(ModelCatalog.find("llama3-70b").orElseThrow().qkNorm());
    }

    @Test
    void twoNormsOverTheQueryAndKeyHeadsEachWay() {
        ModelSpec qwen = ModelCatalog.find("qwen3-30b-a3b").orElseThrow();
        // 4,096 tokens, 32 query heads and 4 key heads of 128 at TP 1: 16,777,216 and 2,097,152 elements.
        double q = 4096.0 * 32 * 128;
        double k = 4096.0 * 4 * 128;
        LayerTimes with = new LayerCompute(job(qwen, 1), K).layer(true, false);
        LayerTimes without = new LayerCompute(job(qwen.withQkNorm(false), 1), K).layer(true, false);
        assertEquals(K.reduction(4 * q) + K.reduction(4 * k), with.forward().memoryBoundS() - without.forward().memoryBoundS(),
                1e-12);
        assertEquals(K.reduction(8 * q) + K.reduction(8 * k),
                with.backward().memoryBoundS() - without.backward().memoryBoundS(), 1e-12);
        // 67 MB and 8.4 MB forward: about 0.03 ms at the H100's 3 TB/s, well under 1 % of the 3.4 ms forward.
        double forward = with.forward().memoryBoundS() - without.forward().memoryBoundS();
        assertTrue(forward > 0.01e-3 && forward < 0.06e-3, "a few tens of microseconds: " + forward);
        // TP 2 halves the query heads and the key heads a rank normalises (16 and 2).
        LayerTimes tp2 = new LayerCompute(job(qwen, 2), K).layer(true, false);
        LayerTimes tp2Without = new LayerCompute(job(qwen.withQkNorm(false), 2), K).layer(true, false);
        assertEquals(K.reduction(2 * q) + K.reduction(2 * k),
                tp2.forward().memoryBoundS() - tp2Without.forward().memoryBoundS(), 1e-12);
    }

    @Test
    void theNormsKeepTheirSixteenBitInputs() {
        ModelSpec qwen = ModelCatalog.find("qwen3-30b-a3b").orElseThrow();
        // Per token 2 B x (32 + 4) heads x 128 = 9,216 B, over 4,096 tokens: 37,748,736 B a layer and micro-batch.
        double kept = MemoryModel.storedPerLayer(job(qwen, 1), true) - MemoryModel.storedPerLayer(job(qwen.withQkNorm(false), 1), true);
        assertEquals(4096.0 * 2 * 36 * 128, kept, 1e-6);
        // Parameters: two weight vectors of the head dimension a layer.
        assertEquals(2 * 128, qwen.layerParams(10) - qwen.withQkNorm(false).layerParams(10));
    }
}
