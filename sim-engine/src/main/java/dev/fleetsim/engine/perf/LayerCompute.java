package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.MlaSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.Set;

/**
 * The compute of one transformer layer for one micro-batch on one GPU, kernel by kernel with the
 * shapes each GEMM really has on a tensor/context/expert-parallel rank, costed by
 * {@link KernelCosts}. A rank holds {@code T = b·s/cp} query tokens; with sequence parallelism the
 * norms, residuals and dropout run on {@code T/tp} of them and the GEMMs on all {@code T} (after the
 * all-gather); each GEMM's backward is a data-gradient GEMM and, for trainable weights, a
 * weight-gradient GEMM (reduction over the tokens). FP8 runs every linear layer's three GEMMs in
 * FP8 with Transformer Engine's casts (each GEMM input and output gradient cast and transposed,
 * weights cast once per iteration: {@link #weightCastS}; {@link Fp8Casts}); attention, norms, activations and
 * everything saved for backward stay 16-bit.
 */
final class LayerCompute {

    /** Unfused attention, HBM bytes per score element forward: QK^T write (2), softmax read + write (4), PV read (2). */
    static final double SCORE_BYTES_FWD = 8;
    /** Dropout on the scores adds a read, a write and a 1-byte mask per element forward. */
    static final double SCORE_DROPOUT_BYTES_FWD = 5;
    /** Backward: dP write (2), dV read (2), softmax backward read 2 + write (6), dQ and dK reads (4). */
    static final double SCORE_BYTES_BWD = 14;
    /** Dropout backward reads gradient and mask and writes one gradient. */
    static final double SCORE_DROPOUT_BYTES_BWD = 5;
    /** A norm reads and writes the hidden state (2 + 2 bytes per element). */
    static final double NORM_BYTES = 4;
    /** A residual add reads two inputs and writes the sum (2 + 2 + 2); dropout adds a 1-byte mask. */
    static final double RESIDUAL_BYTES = 6;
    static final double DROPOUT_MASK_BYTES = 1;
    /** Unfused attention's layout copy of the context into [s, b, h/t] before the output projection. */
    static final double CONTEXT_COPY_BYTES = 4;
    /** Backward element-wise traffic relative to forward: saved input and incoming gradient read, one gradient written. */
    static final double BWD_OVER_FWD = 2;
    /** QLoRA dequantisation of a weight element: read 4 bits, write bf16. */
    static final double DEQUANT_BYTES = 2.5;
    private final KernelCosts k;
    private final ModelSpec m;
    private final TrainingJobSpec job;
    private final Precision gemmPrecision;
    private final Precision attentionPrecision;
    private final AttentionKernel attentionKernel;
    private final double act;
    private final double t;
    private final double tokens;
    private final double normTokens;
    private final boolean fp8;
    private final Fp8Casts casts;
    private final boolean frozen;
    private final boolean qlora;
    private final FineTuningSpec fineTuning;
    /** Whether TP collectives run as Transformer Engine's user-buffer overlaps ({@link TpOverlapGemms}). */
    private final boolean ringExchange;
    /** Forward time of the MLA up-projections and of the MLP activation in the layer being built. */
    private double mlaUp;
    private double activation;
    /** Forward and backward GPU time of the local experts (GEMMs, casts, activation) in the layer being built. */
    private double expertFwd;
    private double expertBwd;
    /** Per TP window, the GEMM time its collective hides behind, in the layer being built. */
    private double[] tpGemm;
    private final TpOverlapGemms overlap;
    private final HostOverhead host;

    LayerCompute(TrainingJobSpec job, KernelCosts k) {
        this.k = k;
        this.job = job;
        this.m = job.model();
        ParallelismSpec par = job.parallelism();
        this.fp8 = job.precision() == Precision.FP8;
        this.gemmPrecision = job.precision();
        this.attentionPrecision = fp8 ? Precision.BF16 : job.precision();
        this.act = fp8 ? 2 : job.precision().bytesPerElement();
        this.t = par.tp();
        this.tokens = (double) job.microBatchSeqs() * m.seqLength() / par.cp();
        boolean sp = job.options().sequenceParallel() && par.tp() > 1;
        this.normTokens = sp ? tokens / t : tokens;
        this.casts = new Fp8Casts(k, job.options().fp8Scaling() == Fp8Scaling.CURRENT, par.tp(), sp);
        this.fineTuning = job.options().fineTuning().orElse(FineTuningSpec.full());
        this.frozen = fineTuning.frozenBase();
        this.qlora = fineTuning.method() == FineTuningSpec.Method.QLORA;
        this.attentionKernel = k.attentionKernel(job);
        this.ringExchange = sp && job.options().tpCommOverlap();
        this.overlap = new TpOverlapGemms(k, gemmPrecision, par.tp());
        this.host = HostOverhead.of(job, k, attentionKernel, ringExchange);
    }

    AttentionKernel attentionKernel() {
        return attentionKernel;
    }

    /** The times of a layer that is an MoE layer or not, and windowed or not. */
    LayerTimes layer(boolean moeLayer, boolean windowed) {
        PassTime.Builder fwd = new PassTime.Builder();
        PassTime.Builder bwd = new PassTime.Builder();
        PassTime.Builder attnReplay = new PassTime.Builder();
        mlaUp = 0;
        activation = 0;
        expertFwd = 0;
        expertBwd = 0;
        tpGemm = new double[IterationTraffic.Window.values().length];
        attention(fwd, bwd, attnReplay, windowed);
        double attnFwd = fwd.attention;
        double beforeMlp = total(fwd);
        if (moeLayer && !m.moe().get().isTrivial()) {
            moe(fwd, bwd);
        } else {
            int width = moeLayer ? m.moe().get().moeFfnHidden() : m.ffnHidden();
            mlp(fwd, bwd, width, 1, "gate", "up", "down");
        }
        double mlpFwd = total(fwd) - beforeMlp;
        // Two norms and two residual adds per layer on the (sequence-parallel) hidden state.
        double hidden = normTokens * m.hidden();
        double residual = RESIDUAL_BYTES + (m.dropout() ? DROPOUT_MASK_BYTES : 0);
        double norms = 2 * k.reduction(NORM_BYTES * hidden);
        fwd.memory += norms + 2 * k.elementwise(residual * hidden);
        bwd.memory += 2 * k.reduction(BWD_OVER_FWD * NORM_BYTES * hidden) + 2 * k.elementwise(BWD_OVER_FWD * residual * hidden);
        PassTime f = host.forward(fwd.build(), moeLayer, expertFwd);
        PassTime replay = PassTime.ZERO;
        if (job.recompute() == Recompute.FULL) {
            replay = f.times(fullRecomputeFraction(job));
        } else if (job.recompute() == Recompute.SELECTIVE) {
            Set<String> modules = job.options().recomputeModules();
            PassTime.Builder r = new PassTime.Builder();
            if (modules.contains("core_attn")) {
                r.attention += attnReplay.build().totalS();
            }
            // core_r0.15: "mlp" replays a dense MLP only, "moe" an MoE layer (its all-to-alls not costed), "moe_act" experts'.
            r.gemm += modules.contains(moeLayer ? "moe" : "mlp") ? mlpFwd : moeLayer && modules.contains("moe_act") ? activation : 0;
            r.gemm += modules.contains("mla_up_proj") ? mlaUp : 0;
            r.memory += modules.contains("layernorm") ? norms : 0;
            replay = r.build();
        }
        return new LayerTimes(f, host.backward(bwd.build(), moeLayer), replay, tpGemm, attnFwd, moeLayer, windowed,
                expertFwd, expertBwd);
    }

    /** The share of layers full recomputation replays: recomputeLayers of each model chunk, or all. */
    static double fullRecomputeFraction(TrainingJobSpec job) {
        if (job.options().recomputeLayers().isEmpty()) {
            return 1.0;
        }
        ParallelismSpec par = job.parallelism();
        double perChunk = (double) job.model().layers() / (par.pp() * Math.max(1, par.virtualStages()));
        return Math.min(1.0, job.options().recomputeLayers().getAsInt() / perChunk);
    }

    private static double total(PassTime.Builder b) {
        return b.gemm + b.attention + b.memory + b.cast;
    }

    /** Attention projections and core. */
    private void attention(PassTime.Builder fwd, PassTime.Builder bwd, PassTime.Builder replay, boolean windowed) {
        double h = m.hidden();
        double heads = m.heads() / t;
        double kvHeads = Math.max(1.0, m.kvHeads() / t);
        double qkDim;
        double vDim;
        if (m.mla().isPresent()) {
            MlaSpec a = m.mla().get();
            qkDim = a.qkHeadDim();
            vDim = a.vHeadDim();
            // Down-projections to the latents are small and replicated on every TP rank; the
            // up-projections are column-parallel over the gathered latents.
            if (a.qLoraRank() > 0) {
                linear(fwd, bwd, tokens, a.qLoraRank(), h, "q", TpOverlapGemms.Role.NONE);
                double before = total(fwd);
                linear(fwd, bwd, tokens, heads * qkDim, a.qLoraRank(), "q", TpOverlapGemms.Role.ATTENTION_IN);
                mlaUp += total(fwd) - before;
            } else {
                linear(fwd, bwd, tokens, heads * qkDim, h, "q", TpOverlapGemms.Role.ATTENTION_IN);
            }
            linear(fwd, bwd, tokens, a.kvLoraRank() + a.qkRopeHeadDim(), h, "k", TpOverlapGemms.Role.NONE);
            double before = total(fwd);
            linear(fwd, bwd, tokens, heads * (a.qkNopeHeadDim() + vDim), a.kvLoraRank(), "v", TpOverlapGemms.Role.ATTENTION_IN);
            mlaUp += total(fwd) - before;
            fwd.memory += k.reduction(NORM_BYTES * tokens * (a.kvLoraRank() + a.qLoraRank()));
        } else {
            qkDim = m.headDim();
            vDim = m.headDim();
            linearQkv(fwd, bwd, h, heads, kvHeads);
        }
        // Megatron-Core's q_layernorm / k_layernorm (TENorm over the head dimension) on the rank's heads, as the norms.
        for (double n : m.qkNorm() ? new double[] {heads, kvHeads} : new double[0]) {
            fwd.memory += k.reduction(NORM_BYTES * tokens * n * qkDim);
            bwd.memory += k.reduction(BWD_OVER_FWD * NORM_BYTES * tokens * n * qkDim);
        }
        double ropeDim = m.learnedPositions() ? 0 : m.mla().isPresent() ? m.mla().get().qkRopeHeadDim() : qkDim;
        double rope = k.elementwise(4 * tokens * (heads + kvHeads) * ropeDim);
        fwd.memory += rope;
        bwd.memory += rope;
        core(fwd, bwd, replay, heads, m.mla().isPresent() ? heads : kvHeads, qkDim, vDim, windowed);
        linear(fwd, bwd, tokens, h, heads * vDim, "o", TpOverlapGemms.Role.ATTENTION_OUT);
    }

    /** The fused QKV projection; adapters may sit on q, k and v separately. */
    private void linearQkv(PassTime.Builder fwd, PassTime.Builder bwd, double h, double heads, double kvHeads) {
        double d = m.headDim();
        double n = (heads + 2 * kvHeads) * d;
        baseLinear(fwd, bwd, tokens, n, h, TpOverlapGemms.Role.ATTENTION_IN);
        adapter(fwd, bwd, tokens, heads * d, h, "q");
        adapter(fwd, bwd, tokens, kvHeads * d, h, "k");
        adapter(fwd, bwd, tokens, kvHeads * d, h, "v");
    }

    /** The attention core: QK^T, softmax, PV; fused or as batched GEMMs with the scores in HBM. */
    private void core(PassTime.Builder fwd, PassTime.Builder bwd, PassTime.Builder replay, double heads, double kvHeads,
                      double qkDim, double vDim, boolean windowed) {
        double b = job.microBatchSeqs();
        double s = m.seqLength();
        double queries = s / job.parallelism().cp();
        if (attentionKernel == AttentionKernel.UNFUSED) {
            // Megatron 2021: the whole s x s score matrix, masked, not skipped.
            double batch = b * heads;
            double f = k.gemm(attentionPrecision, queries, s, qkDim, batch, act)
                    + k.gemm(attentionPrecision, queries, vDim, s, batch, act);
            double scores = batch * queries * s;
            double bytesFwd = (SCORE_BYTES_FWD + (m.dropout() ? SCORE_DROPOUT_BYTES_FWD : 0)) * scores
                    + CONTEXT_COPY_BYTES * tokens * heads * vDim;
            double bytesBwd = (SCORE_BYTES_BWD + (m.dropout() ? SCORE_DROPOUT_BYTES_BWD : 0)) * scores
                    + CONTEXT_COPY_BYTES * tokens * heads * vDim;
            double bw = k.gemm(attentionPrecision, queries, qkDim, s, batch, act) * 2
                    + k.gemm(attentionPrecision, queries, s, vDim, batch, act)
                    + k.gemm(attentionPrecision, s, vDim, queries, batch, act);
            fwd.attention += f + k.reduction(bytesFwd);
            bwd.attention += bw + k.reduction(bytesBwd);
            replay.attention += f + k.reduction(bytesFwd);
            return;
        }
        // With CP each kernel call sees one chunk.
        double keys = FlopsModel.keysPerQuery(m, attentionKernel, windowed);
        double callKeys = Math.min(keys, queries);
        double flops = 2 * b * heads * queries * keys * (qkDim + vDim);
        double headDim = (qkDim + vDim) / 2;
        double f = k.attentionForward(attentionKernel, attentionPrecision, flops, callKeys, headDim)
                + CpRingAttention.forwardS(k, job, b * queries, heads, vDim);
        fwd.attention += f;
        bwd.attention += k.attentionBackward(attentionKernel, attentionPrecision, flops, callKeys, headDim)
                + CpRingAttention.backwardS(k, job, b * queries, heads, kvHeads, qkDim, vDim);
        replay.attention += f;
    }

    /** A dense (or shared-expert) MLP of inner width {@code width}, {@code count} of them side by side. */
    private void mlp(PassTime.Builder fwd, PassTime.Builder bwd, double width, double count, String gate, String up,
                     String down) {
        double h = m.hidden();
        double w = width * count / t;
        baseLinear(fwd, bwd, tokens, (m.gatedMlp() ? 2 : 1) * w, h, TpOverlapGemms.Role.MLP_IN);
        if (m.gatedMlp()) {
            adapter(fwd, bwd, tokens, w, h, gate);
        }
        adapter(fwd, bwd, tokens, w, h, up);
        double actBytes = (m.gatedMlp() ? 6 : 4) * tokens * w;
        activation = k.elementwise(actBytes);
        fwd.memory += activation;
        bwd.memory += k.elementwise(BWD_OVER_FWD * actBytes);
        linear(fwd, bwd, tokens, h, w, down, TpOverlapGemms.Role.MLP_OUT);
    }

    /**
     * A routed MLP: router, permutation, grouped expert GEMMs over the tokens the all-to-all brings
     * ({@code T·topK} per rank, balanced as benchmark runs force them), un-permutation, and the
     * shared experts as a dense MLP.
     */
    private void moe(PassTime.Builder fwd, PassTime.Builder bwd) {
        MoeSpec e = m.moe().get();
        ParallelismSpec par = job.parallelism();
        double h = m.hidden();
        // Each TP rank routes its own sequence-parallel share of the tokens.
        double local = tokens / t;
        double routed = local * e.topK() * e.tokenFactor();
        double localExperts = Math.max(1.0, (double) e.experts() / par.ep());
        double perExpert = routed * par.etp() / localExperts;
        double width = (double) e.moeFfnHidden() / par.etp();
        // Router: a small 16-bit GEMM and a softmax/top-k over the expert scores (fp32).
        double router = k.gemm(Precision.BF16, local, e.experts(), h, act) + k.reduction(8.0 * local * e.experts());
        fwd.memory += router;
        bwd.memory += router + k.gemm(Precision.BF16, local, h, e.experts(), act);
        double permute = MoeTokenCopies.seconds(k, e, par, job.options().moeDispatcher(), fp8, routed, h);
        fwd.memory += permute;
        bwd.memory += permute;
        double in = (m.gatedMlp() ? 2 : 1) * width;
        double before = total(fwd);
        double beforeBwd = total(bwd);
        expertGemm(fwd, bwd, perExpert, in, h, localExperts);
        double actBytes = (m.gatedMlp() ? 6 : 4) * perExpert * width * localExperts;
        double expertActivation = k.elementwise(actBytes);
        fwd.memory += expertActivation + ExpertBias.forwardS(k, e, perExpert, h, localExperts);
        bwd.memory += k.elementwise(BWD_OVER_FWD * actBytes) + ExpertBias.backwardS(k, e, perExpert, h, localExperts);
        expertGemm(fwd, bwd, perExpert, h, width, localExperts);
        expertFwd = total(fwd) - before;
        expertBwd = total(bwd) - beforeBwd;
        if (e.sharedExperts() > 0) {
            mlp(fwd, bwd, e.sharedFfnHidden(), e.sharedExperts(), "gate", "up", "down");
        }
        activation = expertActivation + (e.sharedExperts() > 0 ? activation : 0.0);
    }

    /** Grouped expert GEMM: {@code groups} GEMMs of {@code rows × n × kDim}, trainable unless the base is frozen. */
    private void expertGemm(PassTime.Builder fwd, PassTime.Builder bwd, double rows, double n, double kDim, double groups) {
        // Transformer Engine's grouped linear on Hopper runs one cuBLAS GEMM per local expert (on a few
        // streams), so each expert's GEMM pays its own tile and wave quantisation and its own casts.
        fwd.gemm += groups * k.gemm(gemmPrecision, rows, n, kDim, act);
        bwd.gemm += groups * k.gradGemm(gemmPrecision, rows, kDim, n, act);
        if (!frozen) {
            bwd.gemm += groups * k.gradGemm(gemmPrecision, kDim, n, rows, 4);
        }
        if (fp8) {
            fwd.cast += groups * casts.local(rows * kDim);
            bwd.cast += groups * casts.local(rows * n);
        }
        if (qlora) {
            double dequant = k.elementwise(DEQUANT_BYTES * groups * n * kDim);
            fwd.cast += dequant;
            bwd.cast += dequant;
        }
    }

    /** A linear layer with an adapter when {@code target} is one of the fine-tuning's targets. */
    private void linear(PassTime.Builder fwd, PassTime.Builder bwd, double rows, double n, double kDim, String target,
                        TpOverlapGemms.Role role) {
        baseLinear(fwd, bwd, rows, n, kDim, role);
        adapter(fwd, bwd, rows, n, kDim, target);
    }

    /**
     * A linear layer {@code rows × n × kDim}: forward GEMM, data-gradient GEMM and (unless frozen)
     * weight-gradient GEMM accumulated into fp32 (Megatron's main_grad: the epilogue reads and
     * writes 4 bytes); FP8 casts of its input and its output gradient. Next to a TP collective
     * ({@code role}) each GEMM's time is noted for the window that collective hides behind; with
     * Transformer Engine's user buffers the GEMMs it splits run as chunks: {@code tp} ring-exchange
     * steps for the all-gathers, {@link TpOverlapGemms#PIPELINE_SPLITS} pipelined chunks on fewer SMs for the
     * forward reduce-scatters.
     */
    private void baseLinear(PassTime.Builder fwd, PassTime.Builder bwd, double rows, double n, double kDim, TpOverlapGemms.Role role) {
        boolean split = ringExchange && role != TpOverlapGemms.Role.NONE;
        // Column-parallel forward: ring exchange; row-parallel forward: pipelined reduce-scatter.
        double f = !split ? k.gemm(gemmPrecision, rows, n, kDim, act)
                : role.column() ? overlap.ringExchange(rows, n, kDim, act) : overlap.pipelined(rows, n, kDim, act);
        // The data-gradient GEMM of a row-parallel layer consumes the ring-exchanged output gradient.
        double d = split && !role.column() ? overlap.ringExchangeGrad(rows, kDim, n, act) : k.gradGemm(gemmPrecision, rows, kDim, n, act);
        double w = frozen ? 0.0 : k.gradGemm(gemmPrecision, kDim, n, rows, 4);
        fwd.gemm += f;
        bwd.gemm += d + w;
        if (role != TpOverlapGemms.Role.NONE) {
            tpGemm[role.fprop.ordinal()] += f;
            tpGemm[role.dgrad.ordinal()] += d;
            if (role.wgrad != null) {
                tpGemm[role.wgrad.ordinal()] += w;
            }
        }
        if (fp8) {
            // Sequence parallelism gathers the column-parallel input and the row-parallel output gradient.
            double[] in = casts.tensor(rows, kDim, role.column(), !frozen);
            double[] grad = casts.tensor(rows, n, role != TpOverlapGemms.Role.NONE && !role.column(), !frozen);
            fwd.cast += in[0];
            bwd.cast += grad[0] + in[1] + grad[1];
        }
        if (qlora) {
            double dequant = k.elementwise(DEQUANT_BYTES * n * kDim);
            fwd.cast += dequant;
            bwd.cast += dequant;
        }
    }

    /** A LoRA adapter {@code B·A} of rank r on a projection {@code kDim → n}, trainable, in 16 bits. */
    private void adapter(PassTime.Builder fwd, PassTime.Builder bwd, double rows, double n, double kDim, String target) {
        if (!frozen || !fineTuning.targets().contains(target)) {
            return;
        }
        double r = fineTuning.rank();
        Precision p = Precision.BF16;
        fwd.gemm += k.gemm(p, rows, r, kDim, act) + k.gemm(p, rows, n, r, act);
        bwd.gemm += k.gemm(p, rows, r, n, act) + k.gemm(p, r, n, rows, 4)
                + k.gemm(p, rows, kDim, r, act) + k.gemm(p, kDim, r, rows, 4);
    }

    /** FP8 weight casts of {@code weights} elements, once per iteration (Transformer Engine caches them across micro-batches). */
    double weightCastS(double weights) {
        return fp8 ? casts.local(weights) : 0.0;
    }
}
