package dev.fleetsim.engine.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FP8 gradient GEMMs with Transformer Engine's split accumulator (the dgrad and wgrad MMParams of
 * its FP8 recipes) cost the profile's {@code splitAccumulation} factor; forward GEMMs and 16-bit
 * GEMMs do not.
 */
class GradientGemmTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");

    /** The H100 with its FP8 curve's split factor set to 1 (as if every GEMM used fast accumulation). */
    private static GpuSpec fastEverywhere() {
        HardwareProfile p = H100.profile();
        Map<Precision, GemmCurve> gemm = new EnumMap<>(p.gemm());
        gemm.put(Precision.FP8, gemm.get(Precision.FP8).withSplitAccumulation(1.0));
        return H100.withProfile(new HardwareProfile(p.gpuType(), p.identity(), gemm, p.attention(), p.memory(), p.links(),
                p.collectives(), p.launchLatencyNs(), p.fit(), p.gemmSpread()));
    }

    @Test
    void anFp8GradientGemmTakesTheSplitFactorABf16OneDoesNot() {
        KernelCosts k = new KernelCosts(H100);
        assertEquals(1.1, k.gradGemm(Precision.FP8, 8192, 14336, 8192, 2) / k.gemm(Precision.FP8, 8192, 14336, 8192, 2), 1e-9);
        assertEquals(k.gemm(Precision.BF16, 8192, 14336, 8192, 2), k.gradGemm(Precision.BF16, 8192, 14336, 8192, 2), 0.0);
    }

    @Test
    void onlyTheBackwardGemmsOfAnFp8LayerSlowDown() {
        JsonNode row = ReferenceData.read("training-modern.json").path("megatron_bridge").path("rows").get(1);
        TrainingJobSpec job = ModernTrainingValidationTest.job(row);
        assertEquals("llama3-70b", job.model().name());
        LayerTimes split = new LayerCompute(job, new KernelCosts(H100)).layer(false, false);
        LayerTimes fast = new LayerCompute(job, new KernelCosts(fastEverywhere())).layer(false, false);
        assertEquals(fast.forward().gemmS(), split.forward().gemmS(), 1e-15, "the forward GEMMs use fast accumulation");
        double ratio = split.backward().gemmS() / fast.backward().gemmS();
        assertTrue(ratio > 1.09 && ratio <= 1.1 + 1e-9, "backward GEMMs 1.1x (less where a memory floor binds): " + ratio);
        assertEquals(fast.backward().attentionS(), split.backward().attentionS(), 0.0, "attention stays 16-bit");
    }
}
