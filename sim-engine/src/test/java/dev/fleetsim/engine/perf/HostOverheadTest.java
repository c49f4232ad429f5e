package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
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

/** The host side of a layer: kernel counts with the arithmetic written out, and where the GPU waits on the host. */
class HostOverheadTest {

    private static final GpuSpec H100 = ReferenceData.catalogGpu("H100-SXM");
    private static final KernelCosts K = new KernelCosts(H100);

    private static TrainingJobSpec job(String name, Precision p, int mb, ParallelismSpec par) {
        return new TrainingJobSpec("h", ModelCatalog.find(name).orElseThrow(), p, 64 * mb * par.dp(), mb, par,
                Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
    }

    private static ParallelismSpec withEp(int ep) {
        return new ParallelismSpec(1, 1, ep, 1, 1, ep, 1, OptionalInt.empty(), OptionalInt.empty());
    }

    @Test
    void aDenseLayerCountsItsLinearsNormsAttentionAndActivation() {
        TrainingJobSpec bf16 = job("llama3-8b", Precision.BF16, 1, new ParallelismSpec(1, 1, 8, 1));
        HostOverhead h = HostOverhead.of(bf16, K, AttentionKernel.FLASH3, false);
        // Forward: QKV, projection, FC1, FC2 (4 GEMMs) + 2 norms, 2 residuals, RoPE, attention, activation (7).
        assertEquals(4 + 7, h.forwardKernels(false), 1e-12);
        // Backward: 4 linears x (data + weight gradient) + 11 others.
        assertEquals(8 + 11, h.backwardKernels(false), 1e-12);
        // FP8 with delayed scaling casts each GEMM input once: 4 forward, 4 output gradients backward.
        TrainingJobSpec delayed = job("llama3-8b", Precision.FP8, 1, new ParallelismSpec(1, 1, 8, 1));
        HostOverhead d = HostOverhead.of(delayed, K, AttentionKernel.FLASH3, false);
        assertEquals(11 + 4, d.forwardKernels(false), 1e-12);
        assertEquals(19 + 4, d.backwardKernels(false), 1e-12);
        // Current scaling quantises each GEMM input in four kernels (zero the amax, reduce it, compute the scale, cast).
        TrainingJobSpec current = delayed.withOptions(delayed.options().withFp8Scaling(Fp8Scaling.CURRENT));
        assertEquals(11 + 4 * 4, HostOverhead.of(current, K, AttentionKernel.FLASH3, false).forwardKernels(false), 1e-12);
        // The host cost of a kernel: the framework's dispatch plus the profile's launch latency.
        assertEquals(HostOverhead.FRAMEWORK_DISPATCH_S + H100.profile().launchLatencyNs() * 1e-9, h.hostPerKernelS(), 1e-15);
    }

    @Test
    void tensorParallelOverlapSplitsGemmsIntoMoreLaunches() {
        TrainingJobSpec plain = job("llama3-70b", Precision.BF16, 1, new ParallelismSpec(4, 1, 2, 1));
        HostOverhead off = HostOverhead.of(plain, K, AttentionKernel.FLASH3, false);
        HostOverhead on = HostOverhead.of(plain, K, AttentionKernel.FLASH3, true);
        // Forward: QKV and FC1 as tp = 4 ring steps each, projection and FC2 as 4 pipeline chunks each.
        assertEquals(off.forwardKernels(false) + 2 * 3 + 2 * 3, on.forwardKernels(false), 1e-12);
        // Backward: the projection's and FC2's data gradients as tp ring steps.
        assertEquals(off.backwardKernels(false) + 2 * 3, on.backwardKernels(false), 1e-12);
    }

    @Test
    void anMoeLayerCountsRoutingAndEveryLocalExpert() {
        TrainingJobSpec ep8 = job("qwen3-30b-a3b", Precision.BF16, 1, withEp(8));
        HostOverhead h = HostOverhead.of(ep8, K, AttentionKernel.FLASH3, false);
        double experts = 128 / 8.0;
        // Attention part (2 GEMMs + 7 others - the dense activation, + Qwen3's two query/key norms) + routing + 2 GEMMs
        // per expert + one fused weighted activation over all local experts' rows; backward the norms' 4 kernels.
        assertEquals(2 + 6 + 2 + HostOverhead.MOE_ROUTING_FWD + experts * 2 + 1, h.forwardKernels(true), 1e-12);
        assertEquals(4 + 10 + 4 + HostOverhead.MOE_ROUTING_BWD + experts * 4 + 1, h.backwardKernels(true), 1e-12);
        // Without the norms, two and four kernels fewer.
        TrainingJobSpec plain = new TrainingJobSpec("p", ep8.model().withQkNorm(false), Precision.BF16, ep8.globalBatchSeqs(),
                1, ep8.parallelism(), Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        HostOverhead p = HostOverhead.of(plain, K, AttentionKernel.FLASH3, false);
        assertEquals(h.forwardKernels(true) - HostOverhead.QK_NORM_FWD, p.forwardKernels(true), 1e-12);
        assertEquals(h.backwardKernels(true) - HostOverhead.QK_NORM_BWD, p.backwardKernels(true), 1e-12);
        // FP8 adds per expert one cast per GEMM input each way, and the padding to 16 rows per expert (3 kernels each way).
        TrainingJobSpec fp8 = job("qwen3-30b-a3b", Precision.FP8, 1, withEp(8));
        HostOverhead f = HostOverhead.of(fp8, K, AttentionKernel.FLASH3, false);
        assertEquals(h.forwardKernels(true) + 2 + experts * 2 + 3, f.forwardKernels(true), 1e-12);
        assertEquals(h.backwardKernels(true) + 2 + experts * 2 + 3, f.backwardKernels(true), 1e-12);
    }

    @Test
    void theGpuWaitsOnTheHostOnlyWhereTheHostIsTheBottleneck() {
        // A big dense layer keeps the GPU busy far longer than its few launches take.
        TrainingJobSpec dense = job("llama3-70b", Precision.FP8, 1, new ParallelismSpec(4, 1, 2, 1));
        LayerTimes big = new LayerCompute(dense, K).layer(false, false);
        assertEquals(0.0, big.forward().hostWaitS());
        assertEquals(0.0, big.backward().hostWaitS());
        // 128 small experts on one GPU with short sequences: hundreds of launches of a few microseconds each.
        TrainingJobSpec moe = job("qwen3-30b-a3b", Precision.FP8, 1, withEp(1));
        moe = moe.withOptions(moe.options().withFp8Scaling(Fp8Scaling.CURRENT));
        HostOverhead h = HostOverhead.of(moe, K, AttentionKernel.FLASH3, false);
        LayerTimes small = new LayerCompute(moe, K).layer(true, false);
        double host = h.forwardHostS(true);
        assertTrue(small.forward().hostWaitS() > 0, "host-bound forward");
        // Host-bound, the forward lasts at least the host's time plus the launch after the dispatcher's synchronisation.
        assertTrue(small.forward().totalS() >= host + h.hostPerKernelS() * (1 - 1e-12));
        // A pass never takes less than the host needs to issue it.
        assertTrue(small.backward().totalS() >= h.backwardKernels(true) * h.hostPerKernelS() * (1 - 1e-12));
    }

    @Test
    void afterTheDispatcherSyncTheExpertsWaitIsNotMadeUpByTheSlackAfterThem() {
        TrainingJobSpec ep8 = job("qwen3-30b-a3b", Precision.FP8, 1, withEp(8));
        HostOverhead h = HostOverhead.of(ep8, K, AttentionKernel.FLASH3, false);
        double c = h.hostPerKernelS();
        double experts = h.expertForwardHostS();
        double host = h.forwardHostS(true);
        // 16 local experts, each two FP8 GEMMs with one cast of their input (delayed scaling), one activation
        // over them all, and the FP8 padding and unpadding (3 kernels).
        assertEquals(16 * 2 * 2 + 1 + 3, h.expertForwardKernels(), 1e-12);
        // GPU and host balanced over the layer (G = H), but the experts' GPU work is half their host time: the
        // GPU idles He/2 waiting for expert launches, and the GEMM-heavy rest cannot win it back.
        PassTime gpu = new PassTime(host, 0, 0, 0);
        PassTime f = h.forward(gpu, true, experts / 2);
        assertEquals(experts + (host - experts / 2) + c, f.totalS(), 1e-12 * host);
        assertEquals(experts / 2 + c, f.hostWaitS(), 1e-12 * host);
        // Without the synchronisation (a dense layer) the CPU runs ahead: max(G, H), no wait.
        assertEquals(0.0, h.forward(gpu, false, experts / 2).hostWaitS(), 1e-15);
        // Experts that keep the GPU busier than their launches take cost nothing beyond the launch after the sync.
        PassTime busy = h.forward(gpu, true, 2 * experts);
        assertEquals(host + c, busy.totalS(), 1e-12 * host);
        // However GPU-heavy the rest, the experts come right after the sync: their wait stays exposed.
        PassTime heavy = new PassTime(10 * host, 0, 0, 0);
        assertEquals(10 * host + experts / 2 + c, h.forward(heavy, true, experts / 2).totalS(), 1e-12 * host);
    }

    @Test
    void theQueueDrainMovesScenarioMoeJobsByLessThanTheirExpertsHostTime() {
        // scenarios/modern-mix.yaml's qwen3-moe-fp8: the change against max(G, H) per MoE forward, bounded.
        ParallelismSpec par = new ParallelismSpec(1, 2, 16, 1, 1, 8, 1, OptionalInt.empty(), OptionalInt.empty());
        TrainingJobSpec job = new TrainingJobSpec("qwen3-moe-fp8", ModelCatalog.find("qwen3-30b-a3b").orElseThrow(),
                Precision.FP8, 256, 1, par, Recompute.SELECTIVE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        HostOverhead h = HostOverhead.of(job, K, AttentionKernel.FLASH3, false);
        LayerTimes moe = new LayerCompute(job, K).layer(true, false);
        double gpu = moe.forward().totalS() - moe.forward().hostWaitS();
        double before = Math.max(gpu, h.forwardHostS(true)) + h.hostPerKernelS();
        double delta = moe.forward().totalS() - before;
        assertTrue(delta >= 0 && delta <= h.expertForwardHostS(), "delta " + delta);
        // Over a step: per MoE layer forward and micro-batch, against the layer's whole time.
        System.out.printf("qwen3-moe-fp8: queue drain +%.1f us a layer forward, +%.2f %% of the layer%n", delta * 1e6,
                100 * delta / moe.totalS());
        // With the experts' grouped linears' own CPU time (TE_LINEAR_FWD_S) the drain is about 5 % of the layer.
        assertTrue(delta / moe.totalS() < 0.08, "under 8 % of the layer's time");
    }

    @Test
    void underTheAllToAllOverlapOnlyTheWarmUpForwardsDrainTheQueue() {
        // Qwen3-30B as its 25.11 row runs: PP 2, VP 24, DP 8, micro-batch 2, GBS 512: 32 micro-batches x 24 chunks.
        ParallelismSpec par = new ParallelismSpec(1, 2, 8, 24, 1, 8, 1, OptionalInt.empty(), OptionalInt.empty());
        TrainingJobSpec plain = new TrainingJobSpec("h", ModelCatalog.find("qwen3-30b-a3b").orElseThrow(), Precision.FP8,
                512, 2, par, Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        TrainingJobSpec overlap = plain.withOptions(plain.options().withEpCommOverlap(true));
        // Megatron-Core's interleaved warm-up on the first rank: 2 (pp - 1) + (v - 1) pp, plus one under the overlap.
        assertEquals((2.0 * 1 + 23 * 2 + 1) / (32 * 24), HostOverhead.unpairedForwardShare(overlap), 1e-15);
        // No pipeline: only the first micro-batch's forward runs alone.
        ParallelismSpec flat = new ParallelismSpec(1, 1, 16, 1, 1, 8, 1, OptionalInt.empty(), OptionalInt.empty());
        TrainingJobSpec single = new TrainingJobSpec("h", plain.model(), Precision.FP8, 512, 2, flat, Recompute.NONE, 1,
                1.0, true, 1, 0, "t", 0, Optional.empty());
        assertEquals(1.0 / 16, HostOverhead.unpairedForwardShare(single), 1e-15);
        HostOverhead alone = HostOverhead.of(plain, K, AttentionKernel.FLASH3, false);
        HostOverhead paired = HostOverhead.of(overlap, K, AttentionKernel.FLASH3, false);
        double host = alone.forwardHostS(true);
        double experts = alone.expertForwardHostS();
        PassTime gpu = new PassTime(host, 0, 0, 0);
        double drained = alone.forward(gpu, true, experts / 2).hostWaitS();
        // The drain is paid by the unpaired share only; a paired forward runs as max(G, H) (here G = H: no wait).
        double share = HostOverhead.unpairedForwardShare(overlap);
        assertEquals(share * drained, paired.forward(gpu, true, experts / 2).hostWaitS(), 1e-12 * host);
        assertTrue(paired.forward(gpu, true, experts / 2).hostWaitS() < drained);
        // A host-bound forward still costs the host's time.
        PassTime light = new PassTime(host / 2, 0, 0, 0);
        assertTrue(paired.forward(light, true, 0).totalS() >= host * (1 - 1e-12));
    }

    @Test
    void tokenDropRoutingPaddedToCapacityDoesNotSynchroniseSoItsForwardIsMaxOfGpuAndHost() {
        TrainingJobSpec dropless = job("qwen3-30b-a3b", Precision.FP8, 1, withEp(8));
        ModelSpec m = dropless.model();
        MoeSpec e = m.moe().orElseThrow();
        // Megatron-Bridge's token drop: capacity factor 1.0, inputs padded to it (apply_moe_token_drop).
        MoeSpec padded = new MoeSpec(e.experts(), e.topK(), e.moeFfnHidden(), e.sharedExperts(), e.sharedFfnHidden(),
                e.denseLayers(), OptionalDouble.of(1.0));
        TrainingJobSpec drop = job("qwen3-30b-a3b", Precision.FP8, 1, withEp(8));
        drop = new TrainingJobSpec("h", m.withMoe(padded), Precision.FP8, drop.globalBatchSeqs(), 1, drop.parallelism(),
                Recompute.NONE, 1, 1.0, true, 1, 0, "t", 0, Optional.empty());
        HostOverhead h = HostOverhead.of(drop, K, AttentionKernel.FLASH3, false);
        double host = h.forwardHostS(true);
        double experts = h.expertForwardHostS();
        // GPU time equal to the host's, experts GPU-light: dropless pays the experts' wait and the launch after the sync ...
        PassTime gpu = new PassTime(host, 0, 0, 0);
        HostOverhead synced = HostOverhead.of(dropless, K, AttentionKernel.FLASH3, false);
        assertEquals(experts / 2 + synced.hostPerKernelS(), synced.forward(gpu, true, experts / 2).hostWaitS(), 1e-12 * host);
        // ... token drop runs ahead as a dense layer does: max(G, H) = H, no wait.
        assertEquals(0.0, h.forward(gpu, true, experts / 2).hostWaitS(), 1e-15);
        assertEquals(host, h.forward(new PassTime(host / 2, 0, 0, 0), true, 0).totalS(), 1e-12 * host);
    }

    @Test
    void aJobCanSetItsOwnHostCostPerKernel() {
        TrainingJobSpec moe = job("qwen3-30b-a3b", Precision.FP8, 1, withEp(1));
        moe = moe.withOptions(moe.options().withFp8Scaling(Fp8Scaling.CURRENT));
        // CUDA-graph replay: the host issues nothing per kernel, the GPU never waits on it.
        TrainingJobSpec graphs = moe.withOptions(moe.options().withHostPerKernelNs(0));
        LayerTimes replayed = new LayerCompute(graphs, K).layer(true, false);
        assertEquals(0.0, replayed.forward().hostWaitS());
        assertEquals(0.0, replayed.backward().hostWaitS());
        // A measured 20 us a kernel replaces the default.
        TrainingJobSpec slow = moe.withOptions(moe.options().withHostPerKernelNs(20_000));
        HostOverhead h = HostOverhead.of(slow, K, AttentionKernel.FLASH3, false);
        assertEquals(20e-6, h.hostPerKernelS(), 1e-15);
        LayerTimes layer = new LayerCompute(slow, K).layer(true, false);
        double host = h.forwardKernels(true) * 20e-6;
        // Host-bound: at least the host's time and the launch after the sync; more where the experts' waits
        // come before GPU work that cannot make them up.
        assertTrue(layer.forward().totalS() >= host + 20e-6 - 1e-12);
        double gpu = layer.forward().totalS() - layer.forward().hostWaitS();
        assertTrue(layer.forward().totalS() <= h.expertForwardKernels() * 20e-6 + gpu + 20e-6 + 1e-12);
    }
    @Test
    void eachTransformerEngineLinearModuleForwardCostsItsMeasuredCpuTime() {
        TrainingJobSpec dense = job("llama3-8b", Precision.BF16, 1, new ParallelismSpec(1, 1, 8, 1));
        HostOverhead h = HostOverhead.of(dense, K, AttentionKernel.FLASH3, false);
        double c = h.hostPerKernelS();
        // QKV, projection, FC1, FC2: four modules of 115 us each, their first kernel inside that figure.
        assertEquals(h.forwardKernels(false) * c + 4 * (HostOverhead.TE_LINEAR_FWD_S - c), h.forwardHostS(false), 1e-15);
        // An MoE layer: attention's two linears and the experts' two grouped linears (the router is plain torch).
        TrainingJobSpec moe = job("qwen3-30b-a3b", Precision.BF16, 1, withEp(8));
        HostOverhead m = HostOverhead.of(moe, K, AttentionKernel.FLASH3, false);
        assertEquals(m.forwardKernels(true) * c + 4 * (HostOverhead.TE_LINEAR_FWD_S - c), m.forwardHostS(true), 1e-15);
        assertEquals(m.expertForwardKernels() * c + 2 * (HostOverhead.TE_LINEAR_FWD_S - c), m.expertForwardHostS(), 1e-15);
        // A job's own per-kernel figure stands for the whole host cost: no module term on top of it.
        TrainingJobSpec own = moe.withOptions(moe.options().withHostPerKernelNs(8_000));
        HostOverhead o = HostOverhead.of(own, K, AttentionKernel.FLASH3, false);
        assertEquals(o.forwardKernels(true) * 8e-6, o.forwardHostS(true), 1e-15);
        // A big dense layer's GPU time still hides all of it: no wait.
        TrainingJobSpec big = job("llama3-70b", Precision.FP8, 1, new ParallelismSpec(4, 1, 2, 1));
        assertEquals(0.0, new LayerCompute(big, K).layer(false, false).forward().hostWaitS());
    }
}
