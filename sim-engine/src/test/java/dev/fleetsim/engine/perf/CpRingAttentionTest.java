package dev.fleetsim.engine.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transformer Engine's ring-attention merges under context parallelism, with the byte counts written out. */
class CpRingAttentionTest {

    private static final KernelCosts K = new KernelCosts(ReferenceData.catalogGpu("H100-SXM"));

    /** The 25.11 Llama 3.1 405B row: TP 8, CP 2, 4,096 local tokens, 16 local heads, one local KV head, d 128. */
    private static TrainingJobSpec llama405b() {
        JsonNode row = ReferenceData.read("training-modern.json").path("megatron_bridge").path("rows").get(2);
        TrainingJobSpec job = ModernTrainingValidationTest.job(row);
        assertEquals("llama3.1-405b", job.model().name());
        assertEquals(2, job.parallelism().cp());
        return job;
    }

    @Test
    void theOutputIsZeroedAndEveryStepMergedIntoIt() {
        double rows = 4096;
        double out = rows * 16 * 128;
        // Zero (2 B) + two merges (6 B each) of the output, and three small kernels on the fp64 statistics.
        double expected = K.elementwise(2 * out) + 2 * K.elementwise(6 * out) + 3 * K.elementwise(16 * rows * 16);
        assertEquals(expected, CpRingAttention.forwardS(K, llama405b(), rows, 16, 128), 1e-15);
    }

    @Test
    void backwardCopiesTheFirstStepsGradientsAndAddsTheRest() {
        double rows = 4096;
        double dq = rows * 16 * 128;
        double dkv = rows * 1 * 256;
        double expected = K.elementwise(4 * dq) + K.elementwise(6 * dq) + K.elementwise(4 * dkv) + K.elementwise(6 * dkv);
        assertEquals(expected, CpRingAttention.backwardS(K, llama405b(), rows, 16, 1, 128, 128), 1e-15);
    }

    @Test
    void withoutContextParallelismNothingIsAdded() {
        TrainingJobSpec job = llama405b();
        ParallelismSpec p = job.parallelism();
        TrainingJobSpec cp1 = job.withLayout(new ParallelismSpec(p.tp(), p.pp(), p.dp() * 2, p.virtualStages(), 1, 1, 1,
                OptionalInt.empty(), OptionalInt.empty()), job.microBatchSeqs(), job.recompute(), job.zeroStage());
        assertEquals(0.0, CpRingAttention.forwardS(K, cp1, 8192, 16, 128));
        assertEquals(0.0, CpRingAttention.backwardS(K, cp1, 8192, 16, 1, 128, 128));
    }

    @Test
    void theMergesAreAFewPerCentOfTheLayersAttention() {
        LayerTimes layer = new LayerCompute(llama405b(), K).layer(false, false);
        double merges = CpRingAttention.forwardS(K, llama405b(), 4096, 16, 128)
                + CpRingAttention.backwardS(K, llama405b(), 4096, 16, 1, 128, 128);
        double attention = layer.forward().attentionS() + layer.backward().attentionS();
        assertTrue(merges > 0.05 * attention && merges < 0.15 * attention, merges + " of " + attention);
    }
}
