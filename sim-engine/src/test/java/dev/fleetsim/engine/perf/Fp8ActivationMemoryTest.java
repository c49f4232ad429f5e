package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.engine.workload.TrainingOptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The activation bytes of one FP8 layer, written out per token: Transformer Engine 2.9 saves the GEMM inputs it
 * needs for the weight gradients as 1-byte FP8 copies, and Megatron-Core core_r0.15's {@code "mlp"} recompute module
 * touches dense layers only ({@code "moe"} is the MoE layer's own).
 */
class Fp8ActivationMemoryTest {

    /** GPT-1.3B (h 2048, 16 heads, 4h MLP, dropout), TP 1, no recompute, fused attention: Korthikanti's 34 h a token in 16 bits. */
    @Test
    void denseGptLayerKeepsItsGemmInputsInOneByte() {
        ModelSpec gpt = ModelCatalog.find("gpt-1.3b").orElseThrow();
        double h = 2048;
        double tokens = 4 * 2048.0;
        // 16-bit: norm inputs 4h, QKV input 2h, FC1 input 2h, dropout masks 2h, Q K V 6h, projection input 2h,
        // GeLU input 2·4h, FC2 input 2·4h = 34h.
        assertEquals(tokens * 34 * h, layer(gpt, Precision.BF16, Fp8Scaling.CURRENT, Recompute.NONE, Set.of(), 1), 1.0);
        // FP8 current scaling: QKV and FC1 inputs h each, FC2 input 4h (one byte); the projection saves the 16-bit
        // attention output the core keeps anyway (set_save_original_input): 4 + 1 + 1 + 2 + 6 + 2 + 8 + 4 = 28h.
        assertEquals(tokens * 28 * h, layer(gpt, Precision.FP8, Fp8Scaling.CURRENT, Recompute.NONE, Set.of(), 1), 1.0);
        // Delayed scaling: the projection keeps its own FP8 copy beside the core's 16-bit output: 29h.
        assertEquals(tokens * 29 * h, layer(gpt, Precision.FP8, Fp8Scaling.DELAYED, Recompute.NONE, Set.of(), 1), 1.0);
    }

    /**
     * DeepSeek-V3 as the 25.09 row runs it: TP 2 with sequence parallelism, FP8 current scaling, recompute modules
     * {@code mla_up_proj} and {@code mlp}, 4,096 tokens. h 7168, 128 heads of q/k 192 and v 128, latents 1536 + 512,
     * rope 64; 256 experts of 2048, top 8, one shared expert of 2048.
     */
    @Test
    void deepSeekV3MoeLayerKeepsItsExpertsUnderMlpAndFreesThemUnderMoe() {
        ModelSpec ds = ModelCatalog.find("deepseek-v3").orElseThrow();
        double tokens = 4096;
        // Outside the TP region (split over TP 2 by SP): norm inputs 4h = 28672, the two down-projections' FP8 copies
        // of their input 2·h = 14336, the router's 16-bit input 2h = 14336, the kept latents 2·(1536 + 512) = 4096,
        // the shared expert's FP8 copy of the MoE input h = 7168: 68608 / 2 = 34304.
        // Inside (over TP 2): the projection input 2·128·128 = 32768 (Q, K, V freed by mla_up_proj), per routed copy
        // the expert FC1 input h = 7168 + SwiGLU input 2·2·2048 = 8192 + FC2 input 2048, ×8 = 139264, router
        // probabilities 4·256 = 1024, the shared expert's SwiGLU input 8192 + FC2 input 2048 = 10240: 183296 / 2 = 91648.
        // The gathered rope key 2·64 = 128, not split. 34304 + 91648 + 128 = 126080 bytes a token.
        Set<String> rowModules = Set.of("mla_up_proj", "mlp");
        assertEquals(tokens * 126080, layer(ds, Precision.FP8, Fp8Scaling.CURRENT, Recompute.SELECTIVE, rowModules, 2, true), 1.0);
        assertEquals(layer(ds, Precision.FP8, Fp8Scaling.CURRENT, Recompute.SELECTIVE, Set.of("mla_up_proj"), 2, true),
                layer(ds, Precision.FP8, Fp8Scaling.CURRENT, Recompute.SELECTIVE, rowModules, 2, true), 1.0,
                "\"mlp\" does not touch an MoE layer");
        // "moe" checkpoints the whole MoE layer from its input: outside 28672 + 14336 + 14336 + 4096 = 61440 / 2,
        // inside 32768 / 2, + 128 = 47232 bytes a token.
        assertEquals(tokens * 47232, layer(ds, Precision.FP8, Fp8Scaling.CURRENT, Recompute.SELECTIVE,
                Set.of("mla_up_proj", "moe"), 2, true), 1.0);
        // A dense layer (the first three) under "mlp": no FC1 input, no MLP inside: (28672 + 14336 + 4096) / 2
        // + 32768 / 2 + 128 = 40064 bytes a token.
        assertEquals(tokens * 40064, layer(ds, Precision.FP8, Fp8Scaling.CURRENT, Recompute.SELECTIVE, rowModules, 2, false), 1.0);
    }

    private static double layer(ModelSpec model, Precision precision, Fp8Scaling scaling, Recompute recompute,
                                Set<String> modules, int tp) {
        return layer(model, precision, scaling, recompute, modules, tp, false);
    }

    private static double layer(ModelSpec model, Precision precision, Fp8Scaling scaling, Recompute recompute,
                                Set<String> modules, int tp, boolean moeLayer) {
        ParallelismSpec par = new ParallelismSpec(tp, 1, 8, 1, 1, model.moe().isPresent() ? 8 : 1, 1,
                OptionalInt.empty(), OptionalInt.empty());
        TrainingOptions options = TrainingOptions.defaults(tp).withFp8Scaling(scaling).withRecomputeModules(modules);
        int microBatch = model.moe().isPresent() ? 1 : 4;
        TrainingJobSpec job = new TrainingJobSpec("fp8", model, precision, 8 * microBatch, microBatch, par, recompute,
                1, 1.0, true, 1, 0, "t", 0, Optional.empty(), OptionalLong.empty(), options);
        return MemoryModel.storedPerLayer(job, moeLayer);
    }
}
