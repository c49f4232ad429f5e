package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.perf.IterationTraffic.Collective;
import dev.fleetsim.engine.perf.IterationTraffic.Window;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.MoeDispatcher;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The all-to-all dispatcher's count all-gather and probability all-to-alls (Megatron-Core core_r0.15
 * {@code MoEAlltoAllTokenDispatcher.preprocess} / {@code token_dispatch}), with the sizes written out.
 */
class MoeDispatchTrafficTest {

    /** Qwen3-30B-A3B (48 layers, 128 experts, top-8) on 16 GPUs, EP 16, micro-batch 1 of 4,096 tokens. */
    private static TrainingJobSpec qwen(boolean overlap, MoeDispatcher dispatcher, Recompute recompute) {
        ParallelismSpec par = new ParallelismSpec(1, 1, 16, 1, 1, 16, 1, OptionalInt.empty(), OptionalInt.empty());
        TrainingJobSpec job = new TrainingJobSpec("q", ModelCatalog.find("qwen3-30b-a3b").orElseThrow().withSeqLength(4096),
                Precision.BF16, 64, 1, par, recompute, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        return job.withOptions(job.options().withEpCommOverlap(overlap).withMoeDispatcher(dispatcher));
    }

    private static Optional<Collective> named(TrainingJobSpec job, String name) {
        return IterationTraffic.of(job, ReferenceData.packed(16)).collectives().stream()
                .filter(c -> c.name().equals(name)).findFirst();
    }

    @Test
    void everyMoeLayerForwardGathersTheTokenCountsExposedAndSendsItsProbabilitiesBesideTheTokens() {
        TrainingJobSpec job = qwen(false, MoeDispatcher.ALLTOALL, Recompute.NONE);
        int m = job.microBatchesPerIteration();  // 64 sequences / (16 DP · 1) = 4
        assertEquals(4, m);
        Collective counts = named(job, "ep-count-allgather").orElseThrow();
        assertEquals(CollectiveKind.ALL_GATHER, counts.kind());
        // 128 experts x 8 B (int64) from each of 16 ranks: 16,384 B gathered.
        assertEquals(128L * 8 * 16, counts.bytes());
        // Once per MoE layer forward: 4 micro-batches x 48 layers; on the critical path (the host waits for it).
        assertEquals(4.0 * 48, counts.perIteration(), 1e-9);
        assertEquals(Window.STAGE, counts.window());
        assertEquals(0.0, counts.hiddenFraction());
        Collective probs = named(job, "ep-probs-alltoall").orElseThrow();
        // 4,096 tokens x top-8 = 32,768 routed copies x 2 B = 65,536 B, sent forward and back: 2 x 4 x 48.
        assertEquals(65_536L, probs.bytes());
        assertEquals(2.0 * 4 * 48, probs.perIteration(), 1e-9);
        assertEquals(Window.STAGE, probs.window());
    }

    @Test
    void withAllToAllOverlapTheProbabilitiesHideWithTheDispatchAndFullRecomputeRepeatsTheForward() {
        Collective probs = named(qwen(true, MoeDispatcher.ALLTOALL, Recompute.NONE), "ep-probs-alltoall").orElseThrow();
        assertEquals(Window.MOE_EXPERTS, probs.window());
        assertEquals(1.0, probs.hiddenFraction());
        Collective counts = named(qwen(false, MoeDispatcher.ALLTOALL, Recompute.FULL), "ep-count-allgather").orElseThrow();
        // The replayed forward re-runs the dispatcher's preprocess: 2 x 4 x 48.
        assertEquals(2.0 * 4 * 48, counts.perIteration(), 1e-9);
    }

    @Test
    void tokenDropPaddedToCapacityHasStaticSplitsAndGathersNoCounts() {
        TrainingJobSpec job = qwen(false, MoeDispatcher.ALLTOALL, Recompute.NONE);
        MoeSpec e = job.model().moe().orElseThrow();
        MoeSpec padded = new MoeSpec(e.experts(), e.topK(), e.moeFfnHidden(), 0, 0, 0, OptionalDouble.of(1.0));
        TrainingJobSpec drop = new TrainingJobSpec("q", job.model().withMoe(padded), Precision.BF16, 64, 1,
                job.parallelism(), Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        assertTrue(named(drop, "ep-count-allgather").isEmpty());
        assertTrue(named(drop, "ep-probs-alltoall").isPresent());
    }

    @Test
    void theDeepEpDispatcherCarriesCountsAndProbabilitiesInsideItsOwnKernels() {
        TrainingJobSpec job = qwen(false, MoeDispatcher.HIERARCHICAL, Recompute.NONE);
        assertTrue(named(job, "ep-count-allgather").isEmpty());
        assertTrue(named(job, "ep-probs-alltoall").isEmpty());
    }
}
