package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.MlaSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bytes one GPU of a training job holds, on the pipeline rank that needs the most. Mixed
 * precision as Megatron-Core runs it: 16-bit weights, gradients in 16 bits or fp32 (the
 * main-grad buffer, {@code gradReduceFp32}), 12 bytes of fp32 master weights and Adam moments
 * per trained parameter; FP8 adds the cast copy and its transpose of every linear weight (2
 * bytes). ZeRO 1 (Megatron's distributed optimizer) shards the optimizer state over the data-
 * (and context-) parallel ranks, 2 the gradients too, 3 (FSDP) the weights as well, holding two
 * layers gathered; expert parameters shard over the expert data-parallel ranks. A frozen
 * fine-tuning base keeps its weights only (16-bit for LoRA, 4.13 bits for QLoRA's NF4 with
 * double-quantised scales) and trains adapters in fp32 Adam.
 *
 * <p>Activations per layer and micro-batch follow Korthikanti et al. (arXiv:2205.05198),
 * generalised to grouped-query attention, gated MLPs, head dimensions and expert MLPs: per
 * token, the parts outside the TP region (norm inputs, the QKV and FC1 inputs, dropout masks)
 * are split by TP only with sequence parallelism, the parts inside (Q, K, V, the projection
 * input, the activation's input, FC2's input, unfused attention's s×s scores) always are; with
 * CP a rank holds {@code s/cp} tokens. For a GPT shape this is {@code s·b·h·(10 + 24/t + 5·a·s/(h·t))}
 * without SP and {@code s·b·h·(34/t + 5·a·s/(h·t))} with it; in FP8 the GEMM inputs Transformer Engine saves are
 * 1 byte an element ({@link Fp8Saves}). Selective recomputation drops the
 * score terms, full recomputation keeps only each layer's input plus one layer's full set. Rank
 * {@code r} of 1F1B holds {@code min(m, pp − r)} micro-batches in flight ({@code 1 + (pp−1)/(pp·v)}
 * times more with interleaving); the last rank also holds the logits.
 */
public final class MemoryModel {

    /** CUDA context, cuBLAS workspace, NCCL channel buffers and allocator slack: a fixed reserve. */
    public static final long WORKSPACE_BYTES = 2L << 30;
    /** fp32 master weights, Adam first and second moments. */
    public static final int OPTIMIZER_BYTES_PER_PARAM = 12;
    /** Logits kept for the loss on the last stage: the 16-bit GEMM output and the fp32 softmax (2 + 4). */
    static final int LOGIT_BYTES = 6;
    /** ZeRO-3 / FSDP holds the gathered weights of the layer in use and of the one being prefetched. */
    static final int ZERO3_GATHERED_LAYERS = 2;
    /** FP8 keeps each linear weight cast once per iteration, and its transpose for the data-gradient GEMM. */
    static final double FP8_WEIGHT_COPY_BYTES = 2;
    /** QLoRA's NF4: 4 bits per weight plus double-quantised block scales (Dettmers et al. 2023: 0.127 bits). */
    static final double NF4_BYTES = 4.127 / 8;
    /** Adapters train in fp32: weight, gradient and two Adam moments. */
    static final double ADAPTER_BYTES_PER_PARAM = 16;

    private MemoryModel() {
    }

    /** The per-GPU memory of {@code job} on {@code gpu}: the largest over pipeline ranks. */
    public static MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        StagePlan plan = StagePlan.of(job.model(), job.parallelism());
        MemoryBreakdown worst = null;
        for (int r = 0; r < plan.ranks(); r++) {
            MemoryBreakdown mem = onRank(job, gpu, plan, r);
            if (worst == null || mem.totalBytes() > worst.totalBytes()) {
                worst = mem;
            }
            // Ranks in the middle differ only in fewer micro-batches in flight than rank 0.
            if (r == 0 && plan.ranks() > 2) {
                r = plan.ranks() - 2;
            }
        }
        return worst;
    }

    static MemoryBreakdown onRank(TrainingJobSpec job, GpuSpec gpu, StagePlan plan, int rank) {
        ParallelismSpec par = job.parallelism();
        StageParams p = StageParams.of(job, plan, rank);
        int zero = job.zeroStage();
        double denseShard = (double) par.dp() * par.cp();
        double expertShard = par.expertDp();
        FineTuningSpec ft = job.options().fineTuning().orElse(FineTuningSpec.full());
        boolean frozen = ft.frozenBase();
        double wordBytes = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();

        double weights;
        double gradients;
        double optimizer;
        if (frozen) {
            double baseLinearBytes = ft.method() == FineTuningSpec.Method.QLORA ? NF4_BYTES : wordBytes;
            weights = p.frozenLinear() * baseLinearBytes + (p.total() - p.frozenLinear()) * wordBytes
                    + p.adapterParams() * 4;
            gradients = p.adapterParams() * 4;
            optimizer = p.adapterParams() * (ADAPTER_BYTES_PER_PARAM - 8);
        } else {
            double gradBytes = job.options().gradReduceFp32() ? 4 : wordBytes;
            weights = p.denseParams() * wordBytes / (zero >= 3 ? denseShard : 1)
                    + p.expertParams() * wordBytes / (zero >= 3 ? expertShard : 1);
            if (zero >= 3 && denseShard > 1 && p.layers() > 0) {
                weights += ZERO3_GATHERED_LAYERS * p.perLayer() * wordBytes;
            }
            gradients = gradBytes * (p.denseParams() / (zero >= 2 ? denseShard : 1)
                    + p.expertParams() / (zero >= 2 ? expertShard : 1));
            optimizer = OPTIMIZER_BYTES_PER_PARAM * (p.denseParams() / (zero >= 1 ? denseShard : 1)
                    + p.expertParams() / (zero >= 1 ? expertShard : 1));
        }
        if (job.precision() == Precision.FP8) {
            weights += FP8_WEIGHT_COPY_BYTES * p.linearWeights() / (zero >= 3 ? denseShard : 1);
        }
        double activations = activations(job, plan, rank, p);
        return new MemoryBreakdown(Math.round(weights), Math.round(gradients), Math.round(optimizer),
                Math.round(activations), WORKSPACE_BYTES, gpu.hbmBytes());
    }

    private static double activations(TrainingJobSpec job, StagePlan plan, int rank, StageParams p) {
        ModelSpec m = job.model();
        ParallelismSpec par = job.parallelism();
        int microBatches = Math.max(1, job.microBatchesPerIteration());
        int pp = par.pp();
        int v = Math.max(1, par.virtualStages());
        double inFlight = Math.min(microBatches, pp - rank);
        double interleave = v > 1 ? 1.0 + (pp - 1.0) / (pp * v) : 1.0;
        int denseLayers = p.layers() - p.moeLayers();
        double perMicro = denseLayers * storedPerLayer(job, false) + p.moeLayers() * storedPerLayer(job, true);
        double stored = inFlight * interleave * perMicro;
        if (job.recompute() == Recompute.FULL && p.layers() > 0) {
            stored += fullLayerActivationBytes(job, p.moeLayers() > 0);
        }
        double tokens = (double) job.microBatchSeqs() * m.seqLength() / par.cp();
        if (rank == pp - 1) {
            stored += LOGIT_BYTES * tokens * m.vocab() / par.tp();
        }
        return stored;
    }

    /**
     * The memory problems of {@code job} on {@code gpu}, phrased for a person; empty when it fits.
     * Matches {@code JobFeasibilityCheck}, so the scenario validator takes {@code MemoryModel::problems}.
     */
    public static List<String> problems(TrainingJobSpec job, GpuSpec gpu) {
        List<String> out = new ArrayList<>();
        if (!gpu.supports(job.precision())) {
            out.add(gpu.name() + " does not compute in " + job.precision().key());
        }
        MemoryBreakdown mem = memory(job, gpu);
        if (!mem.fits()) {
            out.add(String.format(Locale.ROOT,
                    "needs %.1f GiB per GPU on %s (%.1f GiB HBM): over by %.1f GiB; largest term %s %.1f GiB "
                            + "(weights %.1f, gradients %.1f, optimizer %.1f, activations %.1f, workspace %.1f GiB)",
                    gib(mem.totalBytes()), gpu.name(), gib(mem.capacityBytes()), gib(mem.overflowBytes()),
                    mem.largestTerm(), gib(largest(mem)), gib(mem.weightsBytes()), gib(mem.gradientsBytes()),
                    gib(mem.optimizerBytes()), gib(mem.activationsBytes()), gib(mem.workspaceBytes())));
        }
        return out;
    }

    /** Layers on the most loaded pipeline rank. */
    static double stageLayers(ModelSpec m, int pp) {
        return Math.ceil((double) m.layers() / pp);
    }

    /** Parameters one GPU of the most loaded pipeline rank holds before ZeRO sharding. */
    static double stageParams(TrainingJobSpec job) {
        StagePlan plan = StagePlan.of(job.model(), job.parallelism());
        double max = 0;
        for (int r = 0; r < plan.ranks(); r++) {
            max = Math.max(max, StageParams.of(job, plan, r).total());
        }
        return max;
    }

    /**
     * Activation bytes one layer keeps per micro-batch for backward, by recompute mode: full
     * recomputation keeps the layer input of the recomputed share of layers
     * ({@code recomputeLayers}) and everything of the others; selective recomputation drops what
     * its modules rebuild.
     */
    static double storedPerLayer(TrainingJobSpec job, boolean moeLayer) {
        if (job.recompute() == Recompute.FULL) {
            double tokens = tokensPerRank(job);
            double input = 2 * tokens * job.model().hidden() / (sequenceParallel(job) ? job.parallelism().tp() : 1);
            double f = LayerCompute.fullRecomputeFraction(job);
            return f * input + (1 - f) * layerActivations(job, moeLayer, true, java.util.Set.of());
        }
        if (job.recompute() == Recompute.SELECTIVE) {
            return layerActivations(job, moeLayer, true, job.options().recomputeModules());
        }
        return layerActivations(job, moeLayer, true, java.util.Set.of());
    }

    /** One layer's whole activation set (what a fully recomputed layer rebuilds during its backward). */
    static double fullLayerActivationBytes(TrainingJobSpec job, boolean moeLayer) {
        return layerActivations(job, moeLayer, true, java.util.Set.of());
    }

    /**
     * Korthikanti's per-layer bytes, generalised (see the class comment); {@code withScores} keeps unfused attention's
     * s×s terms. Selective recomputation as Megatron-Core core_r0.15 applies it: {@code "mlp"} checkpoints only a dense
     * layer's MLP ({@code TransformerLayer.__init__} sets {@code recompute_mlp} only {@code if not self.is_moe_layer}),
     * {@code "moe"} the whole MoE layer from its input ({@code MoELayer.forward}), {@code "moe_act"} the experts'
     * activation ({@code experts.py}), {@code "mla_up_proj"} discards MLA's Q, K, V after the attention core and keeps
     * the latents it rebuilds them from ({@code multi_latent_attention.py}, {@code CheckpointWithoutOutput}).
     */
    private static double layerActivations(TrainingJobSpec job, boolean moeLayer, boolean withScores,
                                           java.util.Set<String> recomputed) {
        ModelSpec m = job.model();
        ParallelismSpec par = job.parallelism();
        double t = par.tp();
        double tokens = tokensPerRank(job);
        double h = m.hidden();
        double outsideSplit = sequenceParallel(job) ? t : 1;
        double qk = m.mla().map(MlaSpec::qkHeadDim).orElse(m.headDim());
        double vd = m.mla().map(MlaSpec::vHeadDim).orElse(m.headDim());
        double a = m.heads();
        double g = m.mla().isPresent() ? m.heads() : m.kvHeads();
        boolean moeBlock = moeLayer && m.moe().isPresent();
        boolean unfused = job.options().attentionKernel().map(k -> k == AttentionKernel.UNFUSED)
                .orElse(!job.flashAttention());
        Fp8Saves fp8 = Fp8Saves.of(job, recomputed, unfused);
        // Outside the TP region: two norm inputs (16-bit: the norm backward reads them), the QKV input, the FC1 (or
        // router) input, two dropout masks. MLA's two down-projections each keep their own copy of the QKV input.
        double qkvInput = m.mla().isPresent() ? (fp8.on() ? 2 * fp8.gemmInputBytes() : 2) * h : fp8.gemmInputBytes() * h;
        double mlpInput = moeBlock ? 2 * h : recomputed.contains("mlp") ? 0 : fp8.gemmInputBytes() * h;
        double outside = (recomputed.contains("layernorm") ? 0 : 2 * h * 2) + qkvInput + mlpInput + (m.dropout() ? 2 * h : 0);
        // Inside: Q, K, V (MLA's up-projection recompute frees them), the projection input.
        double inside = fp8.projInputBytes() * a * vd;
        double unsplit = 0;
        if (m.mla().isPresent() && recomputed.contains("mla_up_proj")) {
            MlaSpec mla = m.mla().get();
            outside += 2.0 * (mla.qLoraRank() + mla.kvLoraRank());
            unsplit += 2.0 * mla.qkRopeHeadDim();
        } else {
            inside += 2 * (a * qk + g * qk + g * vd);
        }
        // Query/key norms keep their 16-bit inputs (TE's RMSNorm saves its input for backward; Q and K are its outputs).
        inside += m.qkNorm() ? 2 * (a + g) * qk : 0;
        boolean routed = moeBlock && !m.moe().get().isTrivial();
        boolean moeAct = moeBlock && recomputed.contains("moe_act");
        // Under "moe" the MoE layer's checkpoint keeps only its input (the router input above).
        boolean moeKept = moeBlock && !recomputed.contains("moe");
        if (routed && moeKept) {
            MoeSpec e = m.moe().get();
            double width = (double) e.moeFfnHidden() / par.etp();
            double perRouted = fp8.gemmInputBytes() * h + 2 * (m.gatedMlp() ? 2 : 1) * width
                    + (moeAct ? 0 : fp8.gemmInputBytes() * width);
            // Each TP rank routes its T/t tokens; every routed copy keeps its expert inputs; router probabilities in fp32.
            inside += e.topK() * e.tokenFactor() * perRouted + 4.0 * e.experts();
            if (e.sharedExperts() > 0) {
                double sw = (double) e.sharedExperts() * e.sharedFfnHidden();
                inside += 2 * (m.gatedMlp() ? 2 : 1) * sw + fp8.gemmInputBytes() * sw;
                // In FP8 the shared experts' FC1 keeps its own cast of the router input.
                outside += fp8.sharedInputCopyBytes() * h;
            }
        } else if (moeKept || !moeBlock && !recomputed.contains("mlp")) {
            double f = moeBlock ? m.moe().get().moeFfnHidden() : m.ffnHidden();
            inside += 2 * (m.gatedMlp() ? 2 : 1) * f + (moeAct ? 0 : fp8.gemmInputBytes() * f);
        }
        double perToken = outside / outsideSplit + inside / t + unsplit;
        double bytes = tokens * perToken;
        if (withScores && unfused && !recomputed.contains("core_attn")) {
            // Softmax output (2), and with dropout its mask (1) and output (2), per score element (a/t heads x s keys per token).
            double perScore = 2 + (m.dropout() ? 3 : 0);
            bytes += perScore * a / t * tokens * m.seqLength();
        }
        return bytes;
    }

    /**
     * Bytes an element of the tensors a layer saves for backward that Transformer Engine 2.9 keeps in FP8. A TE linear
     * module running in FP8 saves its quantised GEMM input for the weight-gradient GEMM, 1 byte an element (column-wise,
     * or the row-wise local shard when sequence parallelism all-gathers it in backward), and not the 16-bit input:
     * {@code linear.py} ({@code saved_inputmat = inputmat} after {@code update_usage}), {@code layernorm_linear.py}
     * (the quantised {@code ln_out}; the 16-bit norm input, {@code mu} and {@code rsigma} stay for the norm backward),
     * {@code grouped_linear.py} (per expert, {@code columnwise_usage=True}), all at release_v2.9. Except where
     * Megatron-Core core_r0.15 calls {@code set_save_original_input}: the attention projection with a non-delayed recipe
     * (the fused attention core already saves its 16-bit output; with delayed scaling the projection keeps its FP8
     * copy besides), the experts' FC2 under {@code moe_act} and the shared experts' FC1 under {@code layernorm} (those
     * 16-bit tensors are then discarded and recomputed). The activation functions save their 16-bit inputs (the FC1
     * outputs), so those stay at 2 bytes.
     *
     * @param on the job runs in FP8
     * @param gemmInputBytes bytes an element of a saved GEMM input (QKV, FC1, FC2, the experts' FC1 and FC2)
     * @param projInputBytes bytes an element of the attention output, with every copy the projection and core keep
     * @param sharedInputCopyBytes bytes an element of the shared experts' own cast of the MoE input
     */
    private record Fp8Saves(boolean on, double gemmInputBytes, double projInputBytes, double sharedInputCopyBytes) {

        /** TE's saved FP8 GEMM input: 1 byte an element (the scale is one fp32 a tensor). */
        static final double FP8_SAVED_INPUT_BYTES = 1;

        static Fp8Saves of(TrainingJobSpec job, java.util.Set<String> recomputed, boolean unfusedAttention) {
            if (job.precision() != Precision.FP8) {
                return new Fp8Saves(false, 2, 2, 0);
            }
            double proj = 2;
            if (job.options().fp8Scaling() == Fp8Scaling.DELAYED) {
                // The projection's own FP8 copy, and the fused core's 16-bit output unless the core is checkpointed.
                proj = FP8_SAVED_INPUT_BYTES + (unfusedAttention || recomputed.contains("core_attn") ? 0 : 2);
            }
            return new Fp8Saves(true, FP8_SAVED_INPUT_BYTES, proj,
                    recomputed.contains("layernorm") ? 0 : FP8_SAVED_INPUT_BYTES);
        }
    }

    private static double tokensPerRank(TrainingJobSpec job) {
        return (double) job.microBatchSeqs() * job.model().seqLength() / job.parallelism().cp();
    }

    private static boolean sequenceParallel(TrainingJobSpec job) {
        return job.options().sequenceParallel() && job.parallelism().tp() > 1;
    }

    private static long largest(MemoryBreakdown mem) {
        return Math.max(Math.max(mem.weightsBytes(), mem.gradientsBytes()),
                Math.max(mem.optimizerBytes(), mem.activationsBytes()));
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
