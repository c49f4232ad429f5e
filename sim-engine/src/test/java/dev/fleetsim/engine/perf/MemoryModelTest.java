package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory terms written as the arithmetic they should be. */
class MemoryModelTest {

    private final GpuSpec a100 = HardwareCatalog.defaults().get("A100-80GB");
    private final ModelSpec gpt = ModelCatalog.find("gpt-1.3b").orElseThrow();

    @Test
    void weightsGradientsAndOptimizerShardByZeroStage() {
        double p = gpt.parameterCount(); // tp = pp = 1: one GPU holds every parameter
        double layer = (p - (51200 + 2048 + 2) * 2048.0) / 24;
        int dp = 8;
        assertTerms(job(0, dp, Recompute.FULL), 2 * p, 2 * p, 12 * p);
        assertTerms(job(1, dp, Recompute.FULL), 2 * p, 2 * p, 12 * p / dp);
        assertTerms(job(2, dp, Recompute.FULL), 2 * p, 2 * p / dp, 12 * p / dp);
        // ZeRO-3 also holds two layers gathered (the one computing and the one prefetched).
        assertTerms(job(3, dp, Recompute.FULL), 2 * p / dp + 2 * 2 * layer, 2 * p / dp, 12 * p / dp);
    }

    @Test
    void activationsFollowKorthikantiByRecomputeMode() {
        double s = 2048;
        double b = 4;
        double h = 2048;
        double a = 16;
        double sbh = s * b * h;
        double logits = 6 * b * s * 51200; // bf16 logits and fp32 softmax on the only stage
        double noRecompute = sbh * (34 + 5 * a * s / h);
        assertEquals(24 * noRecompute + logits, activations(Recompute.NONE, false), 1.0);
        assertEquals(24 * sbh * 34 + logits, activations(Recompute.NONE, true), 1.0);
        assertEquals(24 * sbh * 34 + logits, activations(Recompute.SELECTIVE, false), 1.0);
        assertEquals(24 * 2 * sbh + noRecompute + logits, activations(Recompute.FULL, false), 1.0);
    }

    @Test
    void firstPipelineStageHoldsPMicroBatchesTimesTheInterleavingFactor() {
        // 1T shape, tp 8, pp 64, v 1: 2 layers x 64 in flight x 2sbh, plus one full layer.
        ModelSpec t = ModelCatalog.find("megatron-1t").orElseThrow();
        TrainingJobSpec plain = noSp(new TrainingJobSpec("1t", t, Precision.FP16, 3072, 1, new ParallelismSpec(8, 64, 6, 1),
                Recompute.FULL, 0, 0, false, 1, 0, "t", 0, Optional.empty()));
        double sbh = 2048.0 * 25600;
        double fullLayer = sbh * (10 + 24.0 / 8 + 5.0 * 160 * 2048 / (25600.0 * 8));
        assertEquals(2 * 64 * 2 * sbh + fullLayer, MemoryModel.memory(plain, a100).activationsBytes(), 1.0);
        TrainingJobSpec interleaved = noSp(new TrainingJobSpec("1t", t, Precision.FP16, 3072, 1,
                new ParallelismSpec(8, 64, 6, 2), Recompute.FULL, 0, 0, false, 1, 0, "t", 0, Optional.empty()));
        assertEquals(2 * 64 * 2 * sbh * (1 + 63.0 / 128) + fullLayer,
                MemoryModel.memory(interleaved, a100).activationsBytes(), 1.0);
    }

    @Test
    void llama70bUnshardedOnEightA100sOverflowsOnOptimizerState() {
        ModelSpec llama = ModelCatalog.find("llama2-70b").orElseThrow();
        TrainingJobSpec job = new TrainingJobSpec("l70", llama, Precision.BF16, 64, 1, new ParallelismSpec(1, 1, 8, 1),
                Recompute.FULL, 0, 0.5, true, 1, 0, "t", 0, Optional.empty());
        MemoryBreakdown mem = MemoryModel.memory(job, a100);
        double p = llama.parameterCount();
        assertEquals(12 * p, mem.optimizerBytes(), 1.0);
        assertFalse(mem.fits());
        assertEquals("optimizer state", mem.largestTerm());
        assertEquals(mem.totalBytes() - (80L << 30), mem.overflowBytes());
        List<String> problems = MemoryModel.problems(job, a100);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("largest term optimizer state"), problems.get(0));
        assertTrue(MemoryModel.problems(job(3, 8, Recompute.FULL), a100).isEmpty());
    }

    /** Korthikanti's formulas without sequence parallelism (SC'21 had none). */
    private static TrainingJobSpec noSp(TrainingJobSpec job) {
        return job.withOptions(job.options().withSequenceParallel(false));
    }

    private void assertTerms(TrainingJobSpec job, double weights, double gradients, double optimizer) {
        MemoryBreakdown mem = MemoryModel.memory(job, a100);
        assertEquals(weights, mem.weightsBytes(), 1.0, "weights, ZeRO " + job.zeroStage());
        assertEquals(gradients, mem.gradientsBytes(), 1.0, "gradients, ZeRO " + job.zeroStage());
        assertEquals(optimizer, mem.optimizerBytes(), 1.0, "optimizer, ZeRO " + job.zeroStage());
        assertEquals(MemoryModel.WORKSPACE_BYTES, mem.workspaceBytes());
    }

    private double activations(Recompute recompute, boolean flash) {
        TrainingJobSpec job = new TrainingJobSpec("g", gpt, Precision.BF16, 32, 4, new ParallelismSpec(1, 1, 8, 1),
                recompute, 0, 0, flash, 1, 0, "t", 0, Optional.empty());
        return MemoryModel.memory(job, a100).activationsBytes();
    }

    private TrainingJobSpec job(int zero, int dp, Recompute recompute) {
        return new TrainingJobSpec("g", gpt, Precision.BF16, 8 * dp, 1, new ParallelismSpec(1, 1, dp, 1), recompute,
                zero, 0, false, 1, 0, "t", 0, Optional.empty());
    }
}
