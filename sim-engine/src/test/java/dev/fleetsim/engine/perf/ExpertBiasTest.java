package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GPT-OSS's per-expert output bias (Megatron-Core {@code TEGroupedMLP._apply_bias}), with the sizes written out. */
class ExpertBiasTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");
    private static final KernelCosts K = new KernelCosts(H100);
    private static final MoeSpec GPT_OSS = ModelCatalog.find("gpt-oss-120b").orElseThrow().moe().orElseThrow();

    /** GPT-OSS-120B at EP 8, micro-batch 1 of 4,096 tokens, BF16. */
    private static TrainingJobSpec gptOss(boolean bias) {
        ModelSpec m = ModelCatalog.find("gpt-oss-120b").orElseThrow();
        m = m.withMoe(m.moe().orElseThrow().withExpertBias(bias));
        ParallelismSpec par = new ParallelismSpec(1, 1, 8, 1, 1, 8, 1, OptionalInt.empty(), OptionalInt.empty());
        return new TrainingJobSpec("g", m, Precision.BF16, 64, 1, par, Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0,
                Optional.empty());
    }

    @Test
    void gptOssCarriesExpertBiasesAndOtherCatalogueMoesDoNot() {
        assertTrue(GPT_OSS.expertBias());
        assertFalse(ModelCatalog.find("qwen3-30b-a3b").orElseThrow().moe().orElseThrow().expertBias());
        assertFalse(ModelCatalog.find("deepseek-v3").orElseThrow().moe().orElseThrow().expertBias());
    }

    @Test
    void eachExpertPaysItsProductAndSumAndTheRowsAreConcatenatedOnce() {
        // 4,096 tokens x top-4 = 16,384 routed rows over 16 local experts: 1,024 rows of hidden 2,880 each,
        // 2,949,120 elements an expert. Forward: b*p written (2 B) and t + b*p (6 B) per expert, then the
        // concatenation of all 47.2 M elements (4 B).
        double rows = 1024;
        double h = 2880;
        double e = rows * h;
        double forward = 16 * (K.elementwise(2 * e) + K.elementwise(6 * e)) + K.copy(4 * 16 * e);
        assertEquals(forward, ExpertBias.forwardS(K, GPT_OSS, rows, h, 16), 1e-15);
        // Backward: per expert two gradient products (4 B) and their reductions (2 B), the output's and the
        // probabilities' split gradients concatenated.
        double backward = 16 * 2 * (K.elementwise(4 * e) + K.reduction(2 * e)) + K.copy(4 * 16 * e) + K.copy(4 * 16 * rows);
        assertEquals(backward, ExpertBias.backwardS(K, GPT_OSS, rows, h, 16), 1e-15);
        // At 3.0 TB/s: forward about 0.22 ms, backward about 0.32 ms a layer and micro-batch (the floors included).
        assertTrue(forward > 0.15e-3 && forward < 0.3e-3, "forward " + forward);
        assertTrue(backward > 0.2e-3 && backward < 0.45e-3, "backward " + backward);
        // Kernels: 2 per expert + the concatenation forward (33); 4 per expert + 2 concatenations backward (66).
        assertEquals(33, ExpertBias.forwardKernels(GPT_OSS, 16));
        assertEquals(66, ExpertBias.backwardKernels(GPT_OSS, 16));
        MoeSpec plain = GPT_OSS.withExpertBias(false);
        assertEquals(0.0, ExpertBias.forwardS(K, plain, rows, h, 16));
        assertEquals(0, ExpertBias.backwardKernels(plain, 16));
    }

    @Test
    void theBiasTimeAndKernelsSitWithTheLocalExperts() {
        LayerTimes with = new LayerCompute(gptOss(true), K).layer(true, false);
        LayerTimes without = new LayerCompute(gptOss(false), K).layer(true, false);
        double fwd = ExpertBias.forwardS(K, GPT_OSS, 1024, 2880, 16);
        double bwd = ExpertBias.backwardS(K, GPT_OSS, 1024, 2880, 16);
        assertEquals(without.expertForwardS() + fwd, with.expertForwardS(), 1e-12);
        assertEquals(without.expertBackwardS() + bwd, with.expertBackwardS(), 1e-12);
        HostOverhead h = HostOverhead.of(gptOss(true), K, AttentionKernel.FLASH3, false);
        HostOverhead h0 = HostOverhead.of(gptOss(false), K, AttentionKernel.FLASH3, false);
        assertEquals(h0.expertForwardKernels() + 33, h.expertForwardKernels(), 1e-12);
        assertEquals(h0.backwardKernels(true) + 66, h.backwardKernels(true), 1e-12);
    }
}
