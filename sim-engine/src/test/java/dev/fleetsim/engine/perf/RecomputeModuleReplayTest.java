package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.ModelCatalog;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each selective-recompute module replays, as Megatron-Core core_r0.15 applies it: {@code "mlp"} a dense layer's
 * MLP only ({@code TransformerLayer.__init__}: {@code recompute_mlp} only {@code if not self.is_moe_layer}), {@code "moe"}
 * the MoE layer ({@code MoELayer.forward}), {@code "moe_act"} the experts' activation ({@code experts.py}).
 */
class RecomputeModuleReplayTest {

    private static final KernelCosts K = new KernelCosts(ReferenceData.catalogGpu("H100-SXM"));

    /** DeepSeek-V3's layout of the 25.09 row (TP 2, EP 64), FP8 current scaling, selective recompute of {@code modules}. */
    private static LayerCompute deepSeek(Set<String> modules) {
        ParallelismSpec par = new ParallelismSpec(2, 8, 64, 4, 1, 64, 1, OptionalInt.empty(), OptionalInt.empty());
        TrainingOptions options = TrainingOptions.defaults(2).withFp8Scaling(Fp8Scaling.CURRENT).withRecomputeModules(modules);
        TrainingJobSpec job = new TrainingJobSpec("ds", ModelCatalog.find("deepseek-v3").orElseThrow(), Precision.FP8,
                8192, 1, par, Recompute.SELECTIVE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty(), OptionalLong.empty(), options);
        return new LayerCompute(job, K);
    }

    @Test
    void mlpReplaysDenseLayersOnlyAndMoeTheMoeLayer() {
        LayerCompute mlp = deepSeek(Set.of("mlp"));
        assertEquals(0, mlp.layer(true, false).replay().totalS(), "\"mlp\" replays nothing of an MoE layer");
        assertTrue(mlp.layer(false, false).replay().totalS() > 0, "\"mlp\" replays a dense layer's MLP");
        LayerCompute moe = deepSeek(Set.of("moe"));
        assertEquals(0, moe.layer(false, false).replay().totalS(), "\"moe\" replays nothing of a dense layer");
        double moeReplay = moe.layer(true, false).replay().totalS();
        assertTrue(moeReplay > 0, "\"moe\" replays the MoE layer");
        LayerCompute act = deepSeek(Set.of("moe_act"));
        assertEquals(0, act.layer(false, false).replay().totalS(), "\"moe_act\" is the experts' only");
        double actReplay = act.layer(true, false).replay().totalS();
        assertTrue(actReplay > 0 && actReplay < moeReplay, "the experts' activation is part of the MoE layer");
    }
}
