package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the training model that hold for any job, checked over the catalogue. */
class TrainingModelPropertiesTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");
    private static final Topology CLUSTER = ModernTrainingValidationTest.dgx(H100, 64);
    private final TrainingPerfModel model = new TrainingPerfModel();

    private static TrainingJobSpec job(String name, Precision p, int gbs, int mb, ParallelismSpec par, Recompute r, int zero) {
        return new TrainingJobSpec("p", ModelCatalog.find(name).orElseThrow(), p, gbs, mb, par, r, zero, 1.0, true, 1, 0,
                "t", 0, Optional.empty());
    }

    private StepEstimate estimate(TrainingJobSpec job) {
        return model.estimate(job, CLUSTER, ReferenceData.packed(job.gpus()));
    }

    /** More data-parallel replicas at a fixed micro-batch and per-replica batch: each iteration gets no slower per token. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama3-8b", "llama2-13b", "gpt-1.3b", "mixtral-8x7b"})
    void stepTimeFallsWithMoreDataParallelism(String name) {
        double previous = Double.POSITIVE_INFINITY;
        for (int dp : new int[] {1, 2, 4, 8, 16, 32}) {
            int tp = name.equals("mixtral-8x7b") ? 8 : 1;
            TrainingJobSpec job = job(name, Precision.BF16, 256, 1, new ParallelismSpec(tp, 1, dp, 1), Recompute.FULL, 1);
            double t = estimate(job).iterationTimeS();
            assertTrue(t < previous, name + " dp " + dp + ": " + t + " s, not below " + previous);
            previous = t;
        }
    }

    /**
     * FP8 runs every GEMM faster than BF16, and on a real model its GPU work as a whole too. What the GPU
     * waits on the host may grow (FP8 adds a quantisation kernel per GEMM input, and a layer of 128 local
     * experts is host-bound in eager PyTorch), so the comparison is of the kernels' time.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama3-8b", "llama3-70b", "gpt3-175b", "qwen3-235b-a22b", "deepseek-v3", "mixtral-8x7b"})
    void fp8IsNeverSlowerThanBf16OnCompute(String name) {
        ParallelismSpec par = new ParallelismSpec(8, 8, 4, 1);
        TrainingJobSpec bf16 = job(name, Precision.BF16, 256, 1, par, Recompute.SELECTIVE, 1);
        TrainingJobSpec fp8 = job(name, Precision.FP8, 256, 1, par, Recompute.SELECTIVE, 1);
        IterationCompute a = model.compute(bf16, CLUSTER, ReferenceData.packed(par.gpus()));
        IterationCompute b = model.compute(fp8, CLUSTER, ReferenceData.packed(par.gpus()));
        assertTrue(b.computeByClass().gemmS() < a.computeByClass().gemmS(), name + " GEMMs");
        double gpuA = a.computeS() - a.computeByClass().hostWaitS();
        double gpuB = b.computeS() - b.computeByClass().hostWaitS();
        assertTrue(gpuB <= gpuA, name + " compute " + gpuB + " vs " + gpuA);
    }

    /** The memory terms add up to the total, and the overflow is what exceeds the capacity. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama3-8b", "llama3-405b", "deepseek-v3", "gpt-oss-120b"})
    void memoryTermsAddUp(String name) {
        TrainingJobSpec job = job(name, Precision.FP8, 512, 1, new ParallelismSpec(8, 8, 8, 1), Recompute.FULL, 1);
        MemoryBreakdown m = MemoryModel.memory(job, H100);
        assertEquals(m.totalBytes(), m.weightsBytes() + m.gradientsBytes() + m.optimizerBytes() + m.activationsBytes()
                + m.workspaceBytes());
        assertEquals(Math.max(0, m.totalBytes() - m.capacityBytes()), m.overflowBytes());
    }

    /** cp = 1, ep = 1, etp = 1 written out are the dense model's own layout, to the bit. */
    @Test
    void cpOneAndEpOneReduceExactlyToTheDenseModel() {
        TrainingJobSpec plain = job("llama3-70b", Precision.BF16, 128, 1, new ParallelismSpec(4, 4, 4, 5), Recompute.SELECTIVE, 1);
        TrainingJobSpec spelled = plain.withLayout(new ParallelismSpec(4, 4, 4, 5, 1, 1, 1, OptionalInt.empty(),
                OptionalInt.empty()), 1, Recompute.SELECTIVE, 1);
        assertEquals(estimate(plain), estimate(spelled));
        // A mixture of one expert, top-1, is the dense MLP of that width.
        ModelSpec dense = ModelCatalog.find("llama3-8b").orElseThrow();
        ModelSpec oneExpert = dense.withMoe(MoeSpec.dropless(1, 1, dense.ffnHidden(), 0, 0, 0));
        TrainingJobSpec a = job("llama3-8b", Precision.BF16, 64, 1, new ParallelismSpec(2, 2, 4, 1), Recompute.NONE, 1);
        TrainingJobSpec b = new TrainingJobSpec("p", oneExpert, Precision.BF16, 64, 1, a.parallelism(), Recompute.NONE, 1, 1.0,
                true, 1, 0, "t", 0, Optional.empty());
        assertEquals(estimate(a).iterationTimeS(), estimate(b).iterationTimeS(), 1e-12);
        // The same memory, up to the one-expert router's h weights per layer.
        double denseBytes = MemoryModel.memory(a, H100).totalBytes();
        assertEquals(denseBytes, MemoryModel.memory(b, H100).totalBytes(), 1e-4 * denseBytes);
    }

    /** Context parallelism splits the activations by cp and keeps the tokens per GPU-second sensible. */
    @Test
    void contextParallelismSplitsActivations() {
        ParallelismSpec noCp = new ParallelismSpec(8, 1, 2, 1);
        ParallelismSpec cp2 = new ParallelismSpec(8, 1, 1, 1, 2, 1, 1, OptionalInt.empty(), OptionalInt.empty());
        TrainingJobSpec a = job("llama3-70b", Precision.BF16, 16, 1, noCp, Recompute.NONE, 1);
        TrainingJobSpec b = job("llama3-70b", Precision.BF16, 16, 1, cp2, Recompute.NONE, 1);
        double perLayerA = MemoryModel.storedPerLayer(a, false);
        double perLayerB = MemoryModel.storedPerLayer(b, false);
        assertEquals(perLayerA / 2, perLayerB, 1e-6 * perLayerA);
        StepEstimate e = estimate(b);
        assertTrue(e.cpCommS() > 0, "the KV ring costs something");
    }

    /** Configurations that ran on 80 GB fit; a clearly impossible one is refused with its largest term. */
    @Test
    void memoryOfConfigurationsThatRanAndOfOneThatCannot() {
        // GPT-3 175B at TP 4, PP 8 with selective recompute (the "needs 104 GiB").
        TrainingJobSpec gpt3 = job("gpt3-175b", Precision.BF16, 1536, 1, new ParallelismSpec(4, 8, 32, 1),
                Recompute.SELECTIVE, 1);
        assertTrue(MemoryModel.memory(gpt3, H100).fits(), MemoryModel.memory(gpt3, H100).toString());
        // Llama 3.1 405B, 126 layers on 16 stages (Llama 3 paper: TP 8, PP 16, outer stages lighter).
        TrainingJobSpec l405 = job("llama3-405b", Precision.BF16, 2048, 1, new ParallelismSpec(8, 16, 8, 1),
                Recompute.NONE, 1);
        assertTrue(StagePlan.of(l405.model(), l405.parallelism()).valid(126));
        assertTrue(MemoryModel.memory(l405, H100).fits(), MemoryModel.memory(l405, H100).toString());
        // 405B on eight GPUs: the weights alone are 100 GB per GPU.
        TrainingJobSpec impossible = job("llama3-405b", Precision.BF16, 8, 1, new ParallelismSpec(8, 1, 1, 1),
                Recompute.FULL, 1);
        MemoryBreakdown m = MemoryModel.memory(impossible, H100);
        assertFalse(m.fits());
        assertTrue(MemoryModel.problems(impossible, H100).get(0).contains("largest term"));
    }

    /** LoRA and QLoRA train adapters on a frozen base: less memory, no base optimizer state, less backward. */
    @Test
    void fineTuningFreezesTheBase() {
        ParallelismSpec par = new ParallelismSpec(1, 1, 8, 1);
        TrainingJobSpec full = job("llama3-8b", Precision.BF16, 64, 1, par, Recompute.FULL, 1);
        TrainingJobSpec lora = full.withOptions(full.options().withFineTuning(
                new FineTuningSpec(FineTuningSpec.Method.LORA, 16, Set.of("q", "k", "v", "o"))));
        TrainingJobSpec qlora = full.withOptions(full.options().withFineTuning(
                new FineTuningSpec(FineTuningSpec.Method.QLORA, 16, Set.of("q", "k", "v", "o"))));
        MemoryBreakdown f = MemoryModel.memory(full, H100);
        MemoryBreakdown l = MemoryModel.memory(lora, H100);
        MemoryBreakdown q = MemoryModel.memory(qlora, H100);
        assertTrue(l.optimizerBytes() < f.optimizerBytes() / 100, "adapters only: " + l.optimizerBytes());
        assertTrue(q.weightsBytes() < l.weightsBytes() / 2, "4-bit base: " + q.weightsBytes() + " vs " + l.weightsBytes());
        StepEstimate ef = estimate(full);
        StepEstimate el = estimate(lora);
        assertTrue(el.computeByClass().gemmS() < ef.computeByClass().gemmS(), "no weight-gradient GEMMs for the base");
        assertTrue(el.computeByClass().gemmS() > 0.5 * ef.computeByClass().gemmS(), "activation gradients still computed");
        assertTrue(estimate(qlora).computeByClass().castS() > 0, "QLoRA dequantises the base");
        assertEquals("finetune-lora", lora.trainingKind());
        // MFU divides the work the method needs: 4·N for a frozen base, plus the adapters' 6·A.
        double n = full.model().activeParameterCount();
        double attention = 12.0 * full.model().layers() * full.model().queryWidth() * full.model().seqLength();
        double a = 0;
        for (int i = 0; i < full.model().layers(); i++) {
            a += StageParams.adapterParams(full.model(), lora.options().fineTuning().orElseThrow(), i);
        }
        assertEquals((4 * n + 6 * a + attention) * lora.tokensPerIteration(), FlopsModel.modelFlopsPerIteration(lora),
                1e-9 * FlopsModel.modelFlopsPerIteration(lora));
        assertEquals((6 * n + attention) * full.tokensPerIteration(), FlopsModel.modelFlopsPerIteration(full),
                1e-9 * FlopsModel.modelFlopsPerIteration(full));
        double ratio = FlopsModel.hardwareFlopsPerIteration(lora, true) / FlopsModel.hardwareFlopsPerIteration(full, true);
        assertTrue(ratio > 0.6 && ratio < 0.9, "3 GEMM passes of 4 with full recompute, attention unchanged: " + ratio);
    }
}
