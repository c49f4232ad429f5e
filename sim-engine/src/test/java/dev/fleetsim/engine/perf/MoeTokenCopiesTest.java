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
 * all-to-all dispatcher), FP8 pad / unpad to 16 rows per expert.
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
        assertEquals(2, LayerCompute.tokenCopies(1, false, a2a));
        assertEquals(4, LayerCompute.tokenCopies(16, false, a2a));
        assertEquals(4, LayerCompute.tokenCopies(1, true, a2a));
        assertEquals(6, LayerCompute.tokenCopies(16, true, a2a));
        // DeepEP's flex dispatcher permutes the received tokens once, with no separate sort.
        assertEquals(2, LayerCompute.tokenCopies(16, false, MoeDispatcher.HIERARCHICAL));
        assertEquals(4, LayerCompute.tokenCopies(16, true, MoeDispatcher.HIERARCHICAL));
    }

    @Test
    void theCopiesAreMemoryBoundTimeOfTheirPhysicalSize() {
        // Qwen3-30B-A3B, EP 8 (16 local experts), 4,096 tokens a micro-batch, top-8, hidden 2048, BF16:
        // each copy reads and writes 4,096 x 8 x 2,048 bf16 elements (4 B an element).
        TrainingJobSpec bf16 = job(Precision.BF16, 8);
        double copy = K.elementwise(LayerCompute.PERMUTE_BYTES * 4096 * 8 * 2048);
        // The sort / unsort pair: 16 local experts (EP 8) against one (EP 128), the same tokens and expert
        // widths otherwise, differ in memory-bound time by exactly two copies each way.
        LayerTimes sorted = new LayerCompute(bf16, K).layer(true, false);
        LayerTimes single = new LayerCompute(job(Precision.BF16, 128), K).layer(true, false);
        assertEquals(2 * copy, sorted.forward().memoryBoundS() - single.forward().memoryBoundS(), 1e-9 * copy);
        assertEquals(2 * copy, sorted.backward().memoryBoundS() - single.backward().memoryBoundS(), 1e-9 * copy);
        // Each reads and writes 64 Mi bf16 elements: 0.27 GB, about 0.09 ms at the H100 profile's copy rate.
        assertEquals(4096.0 * 8 * 2048 * 4 / 3.0e12, copy, 0.2 * copy);
    }
}
