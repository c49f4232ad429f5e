package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.MoeDispatcher;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routed tokens' copies in an MoE layer, as Megatron-Core's all-to-all dispatcher and TEGroupedMLP make
 * them: permute / un-permute always, sort / unsort by local expert when a rank holds more than one (the
 * all-to-all dispatcher), FP8 pad / unpad to 16 rows per expert; the permutations at the bytes Transformer
 * Engine's Triton kernels move (one load per source row, one store per routed copy).
 */
class MoeTokenCopiesTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");
    private static final KernelCosts K = new KernelCosts(H100);

    private static TrainingJobSpec job(Precision p, int ep) {
        ParallelismSpec par = new ParallelismSpec(1, 1, ep, 1, 1, ep, 1, OptionalInt.empty(), OptionalInt.empty());
        return new TrainingJobSpec("c", ModelCatalog.find("qwen3-30b-a3b").orElseThrow(), p, 64 * ep, 1, par,
                Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
    }

    @Test
    void copiesFollowTheDispatcherAndThePadding() {
        MoeDispatcher a2a = MoeDispatcher.ALLTOALL;
        assertEquals(2, MoeTokenCopies.copies(1, false, a2a));
        assertEquals(4, MoeTokenCopies.copies(16, false, a2a));
        assertEquals(4, MoeTokenCopies.copies(1, true, a2a));
        assertEquals(6, MoeTokenCopies.copies(16, true, a2a));
        // DeepEP's flex dispatcher permutes the received tokens once, with no separate sort.
        assertEquals(2, MoeTokenCopies.copies(16, false, MoeDispatcher.HIERARCHICAL));
        assertEquals(4, MoeTokenCopies.copies(16, true, MoeDispatcher.HIERARCHICAL));
    }

    @Test
    void theCopiesAreMemoryBoundTimeOfTheirPhysicalSize() {
        // Qwen3-30B-A3B, EP 8 (16 local experts), 4,096 tokens a micro-batch, top-8, hidden 2048, BF16:
        // each sort / unsort copy reads and writes 4,096 x 8 x 2,048 bf16 elements (4 B an element).
        TrainingJobSpec bf16 = job(Precision.BF16, 8);
        double copy = K.elementwise(MoeTokenCopies.COPY_BYTES * 4096 * 8 * 2048);
        // The sort / unsort pair: 16 local experts (EP 8) against one (EP 128), the same tokens and expert
        // widths otherwise, differ in memory-bound time by exactly two copies each way.
        LayerTimes sorted = new LayerCompute(bf16, K).layer(true, false);
        LayerTimes single = new LayerCompute(job(Precision.BF16, 128), K).layer(true, false);
        assertEquals(2 * copy, sorted.forward().memoryBoundS() - single.forward().memoryBoundS(), 1e-9 * copy);
        assertEquals(2 * copy, sorted.backward().memoryBoundS() - single.backward().memoryBoundS(), 1e-9 * copy);
        // Each reads and writes 64 Mi bf16 elements: 0.27 GB, about 0.09 ms at the H100 profile's copy rate.
        assertEquals(4096.0 * 8 * 2048 * 4 / 3.0e12, copy, 0.2 * copy);
    }

    @Test
    void aPermutationLoadsEachSourceRowOnceAndStoresEveryCopy() {
        dev.fleetsim.engine.workload.MoeSpec qwen = ModelCatalog.find("qwen3-30b-a3b").orElseThrow().moe().orElseThrow();
        ParallelismSpec ep8 = new ParallelismSpec(1, 1, 8, 1, 1, 8, 1, OptionalInt.empty(), OptionalInt.empty());
        // All-to-all: the rank's own tokens, top-8: 1/8 source row per copy, 2 + 2/8 = 2.25 B an element.
        assertEquals(1.0 / 8, MoeTokenCopies.sourceRowsPerCopy(qwen, ep8, MoeDispatcher.ALLTOALL), 1e-12);
        assertEquals(2.25, MoeTokenCopies.permuteBytes(qwen, ep8, MoeDispatcher.ALLTOALL), 1e-12);
        // DeepEP: one received row per (token, rank). 16 of 128 experts on the rank; a token's 8 distinct experts miss
        // all 16 with (112/128)(111/127)...(105/121) = 0.33258, so it reaches the rank with P = 0.66742 and the rank's
        // 65,536 copies a micro-batch come from P x 8 ranks x 4,096 rows: s = 0.66742 x 8 / 8, 2 + 2 s = 3.3348 B.
        double miss = 1.0;
        for (int i = 0; i < 8; i++) {
            miss *= (112.0 - i) / (128.0 - i);
        }
        assertEquals(0.33258, miss, 1e-5);
        assertEquals(1 - miss, MoeTokenCopies.sourceRowsPerCopy(qwen, ep8, MoeDispatcher.HIERARCHICAL), 1e-12);
        assertEquals(3.3348, MoeTokenCopies.permuteBytes(qwen, ep8, MoeDispatcher.HIERARCHICAL), 1e-4);
        // EP 1 keeps every expert local: each token is one row with 8 copies, whichever dispatcher.
        ParallelismSpec ep1 = new ParallelismSpec(1, 1, 8, 1, 1, 1, 1, OptionalInt.empty(), OptionalInt.empty());
        assertEquals(2.25, MoeTokenCopies.permuteBytes(qwen, ep1, MoeDispatcher.HIERARCHICAL), 1e-12);
    }

    @Test
    void theLayerPaysTwoPermutationsAndItsOtherCopies() {
        // FP8 at EP 8, all-to-all: permute and un-permute at 2.25 B, sort, unsort, pad and unpad at 4 B an element of
        // the 4,096 x 8 x 2,048 routed elements, each pass; the forward's memory-bound time holds exactly that.
        dev.fleetsim.engine.workload.MoeSpec qwen = ModelCatalog.find("qwen3-30b-a3b").orElseThrow().moe().orElseThrow();
        TrainingJobSpec fp8 = job(Precision.FP8, 8);
        double elements = 4096.0 * 8 * 2048;
        double expected = 2 * K.elementwise(2.25 * elements) + 4 * K.elementwise(4 * elements);
        assertEquals(expected, MoeTokenCopies.seconds(K, qwen, fp8.parallelism(), MoeDispatcher.ALLTOALL, true,
                4096.0 * 8, 2048), 1e-12);
        // In the layer: the same job with DeepEP drops the sort and unsort (2 x 4 B) and permutes the received rows at
        // 3.3348 B instead of 2.25; nothing else in a pass's memory-bound time depends on the dispatcher.
        TrainingJobSpec deepep = new TrainingJobSpec("d", fp8.model(), Precision.FP8, fp8.globalBatchSeqs(), 1, fp8.parallelism(),
                Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty(), java.util.OptionalLong.empty(),
                fp8.options().withMoeDispatcher(MoeDispatcher.HIERARCHICAL));
        double difference = 2 * K.elementwise(4 * elements) + 2 * K.elementwise(2.25 * elements)
                - 2 * K.elementwise(MoeTokenCopies.permuteBytes(qwen, fp8.parallelism(), MoeDispatcher.HIERARCHICAL) * elements);
        LayerTimes a2a = new LayerCompute(fp8, K).layer(true, false);
        LayerTimes flex = new LayerCompute(deepep, K).layer(true, false);
        assertEquals(difference, a2a.forward().memoryBoundS() - flex.forward().memoryBoundS(), 1e-9);
        assertEquals(difference, a2a.backward().memoryBoundS() - flex.backward().memoryBoundS(), 1e-9);
    }
}
