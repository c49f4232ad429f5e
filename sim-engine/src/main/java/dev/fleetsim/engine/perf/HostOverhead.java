package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.Fp8Scaling;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.MoeSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * The host side of a layer in eager PyTorch (Megatron-Core with Transformer Engine): every kernel
 * is issued by the CPU, which costs {@link #hostPerKernelS} per kernel (the framework's dispatch
 * plus the CUDA launch). The CPU normally runs ahead of the GPU, so a pass costs
 * {@code max(GPU time, host time)}: the GPU waits only where the host is the bottleneck. Across
 * uniform layers that is the same per layer as per stage. An MoE layer's forward cannot borrow
 * slack from the layers before it: Megatron's all-to-all dispatcher copies the tokens-per-expert
 * counts to the host and synchronises (the all-to-all's split sizes live on the CPU), so the CPU
 * stops running ahead there, and after the sync the GPU also waits for the first kernel's launch.
 * The queue then refills in order: the local experts' kernels come first (issued one by one while
 * the GPU, idle, waits for each), then the GPU-heavy rest of the layer; slack in that rest cannot
 * pay for a wait that came before it, so a forward costs {@code max(G, H, He + G − Ge)} plus the
 * launch ({@code He}, {@code Ge}: the experts' host and GPU time). Routing padded to a capacity factor
 * (token drop) has static split sizes and no synchronisation (the {@code drop_and_pad} branch of
 * {@code MoEAlltoAllTokenDispatcher.preprocess} in Megatron-Core core_r0.15 leaves
 * {@code cuda_sync_point} at {@code "no_sync"}): its forward is {@code max(G, H)}, as a dense layer's.
 * Under the all-to-all overlap ({@code epCommOverlap}) Megatron-Core's combined 1F1B schedule issues, between
 * a forward's dispatch pre-processing (where the counts are copied to the host) and its dispatch (where the host
 * waits for them), the other micro-batch's expert backward ({@code TransformerLayerSchedulePlan.run}:
 * {@code post_attn.forward} → {@code mlp.backward} → {@code moe_dispatch.forward}): the GPU still holds that work
 * when the host waits, so a paired forward drains nothing and costs {@code max(G, H)}; only the warm-up forwards
 * that run alone ({@link #unpairedForwardShare}) drain the queue.
 *
 * <p>A job can set its own host cost per kernel ({@code hostPerKernel}: a measured figure, or 0 for
 * CUDA-graph replay). Kernel counts per layer follow the module structure Megatron-Core and Transformer Engine run
 * (counted from their forward and backward code paths, not measured): each is named below.
 */
final class HostOverhead {

    /**
     * Framework-side CPU time per eager PyTorch op before the driver launch: Python bytecode (~1 µs),
     * the pybind11 boundary (~1 µs), autograd dispatch (1–3 µs) and the ATen dispatcher (1–2 µs); the
     * low end of each, 4 µs, plus the CUDA launch itself (the hardware profile's {@code launchLatency},
     * which calibration measures). Source: "From PyTorch op to kernel launch" (jiahuanglin.xyz,
     * gpu_kernel_serving lesson 18), which puts the whole CPU-side cost at about 5–25 µs per op;
     * validation/reference/kernels.json ("host").
     */
    static final double FRAMEWORK_DISPATCH_S = 4e-6;

    /**
     * CPU time of one Transformer Engine linear module's forward call in Megatron-Core, its first kernel
     * included: 115 µs for {@code TEColumnParallelLinear}, BF16, TP 1, after TE PR #1191 (NVIDIA, "Minor
     * optimizations to reduce CPU overheads in modules": 140 µs before, against 74 µs for Megatron's own
     * {@code ColumnParallelLinear}); the Python around the GEMM (quantiser and usage set-up, FP8 state,
     * autograd function, process-group and parameter look-ups), "distributed throughout the forward pass".
     * validation/reference/kernels.json ("host"). Charged per linear module forward (a grouped linear is
     * one module); no backward figure is published, so backward keeps the per-kernel cost only.
     */
    static final double TE_LINEAR_FWD_S = 115e-6;

    /** Per linear layer forward: its GEMM. */
    static final int LINEAR_FWD = 1;
    /** Per linear layer backward: the data-gradient and the weight-gradient GEMM. */
    static final int LINEAR_BWD = 2;
    /**
     * FP8 quantisation of one GEMM input: delayed scaling one fused cast-transpose; current scaling four
     * kernels (Transformer Engine 2.9 {@code Float8CurrentScalingQuantizer::quantize_impl}: the amax zeroing
     * and the amax reduction of {@code launch_amax_kernel}, {@code compute_scale_from_amax_kernel}, the cast),
     * issued per expert for a grouped linear ({@code split_quantize} quantises each split on its own).
     */
    static final int CAST_DELAYED = 1;
    static final int CAST_CURRENT = 4;
    /** Per layer outside the linears, forward: two norms, two residual adds, RoPE, the fused attention kernel, the activation. */
    static final int DENSE_OTHER_FWD = 7;
    /**
     * Backward: two norm backwards (input gradient and weight-gradient reduction each), the residual
     * gradient adds, RoPE backward, the fused attention backward (FlashAttention-3: pre-processing,
     * main kernel, dQ conversion), the activation backward.
     */
    static final int DENSE_OTHER_BWD = 11;
    /**
     * Query/key norms ({@code qk_layernorm}, TENorm over the head dimension): one norm kernel each forward, and each
     * backward's input-gradient and weight-gradient reduction kernels, as the layer's other norms.
     */
    static final int QK_NORM_FWD = 2;
    static final int QK_NORM_BWD = 4;
    /** Unfused attention adds the batched QK^T and PV, the scaled masked softmax and the layout copies: forward ... */
    static final int UNFUSED_ATTENTION_FWD = 4;
    /** ... and their backwards. */
    static final int UNFUSED_ATTENTION_BWD = 6;
    /**
     * Per MoE layer outside the expert GEMMs, forward: router GEMM, softmax and top-k, the auxiliary
     * load-balancing loss (about four reductions and products), the tokens-per-expert histogram and its
     * device-to-host copy, permutation, the two all-to-alls, the sort of received chunks by expert and its
     * inverse, un-permutation and the weighted combine.
     */
    static final int MOE_ROUTING_FWD = 16;
    /** Backward of the same (the split sizes are kept from the forward: no second synchronisation). */
    static final int MOE_ROUTING_BWD = 14;
    /**
     * Per MoE layer besides the local experts' GEMMs and casts, forward: one fused weighted activation over
     * all local experts' rows (Megatron-Core core_r0.15 {@code TEGroupedMLP.forward} calls
     * {@code weighted_bias_swiglu_impl} once on the grouped tensor), not one per expert.
     */
    static final int EXPERT_OTHER_FWD = 1;
    /** ... and its backward. */
    static final int EXPERT_OTHER_BWD = 1;
    /**
     * With FP8, {@code TEGroupedMLP} pads the expert input and the routing probabilities to 16 rows per expert
     * and unpads the output (Transformer Engine {@code Fp8Padding}/{@code Fp8Unpadding}, one
     * {@code fused_multi_row_padding} kernel each): three kernels forward, their three inverses backward.
     */
    static final int FP8_PADDING = 3;
    /** The routed experts' linear modules: TE grouped linears FC1 and FC2. */
    static final int EXPERT_MODULES = 2;

    private final double hostPerKernelS;
    private final double denseFwd;
    private final double denseBwd;
    private final double moeFwd;
    private final double moeBwd;
    /** Kernels of the local experts' forward: what the host issues first after the dispatcher's synchronisation. */
    private final double expertFwd;
    /** Host time of a linear module's forward beyond its first kernel (0 where the job sets its own per-kernel cost). */
    private final double moduleS;
    private final int denseModules;
    private final int moeModules;
    /** Whether an MoE layer's forward synchronises with the GPU (dropless routing's split sizes). */
    private final boolean synchronised;
    /** The share of MoE forwards that drain the queue at the synchronisation: 1, or the unpaired warm-up share. */
    private final double drainShare;

    private HostOverhead(double hostPerKernelS, double denseFwd, double denseBwd, double moeFwd, double moeBwd,
                         double expertFwd, double moduleS, int denseModules, int moeModules, boolean synchronised,
                         double drainShare) {
        this.hostPerKernelS = hostPerKernelS;
        this.synchronised = synchronised;
        this.drainShare = drainShare;
        this.moduleS = moduleS;
        this.denseModules = denseModules;
        this.moeModules = moeModules;
        this.denseFwd = denseFwd;
        this.denseBwd = denseBwd;
        this.moeFwd = moeFwd;
        this.moeBwd = moeBwd;
        this.expertFwd = expertFwd;
    }

    /** The kernel counts of {@code job}'s layers on {@code k}'s GPU type, with {@code kernel} its attention. */
    static HostOverhead of(TrainingJobSpec job, KernelCosts k, AttentionKernel kernel, boolean ringExchange) {
        ModelSpec m = job.model();
        ParallelismSpec par = job.parallelism();
        boolean fp8 = job.precision() == Precision.FP8;
        int cast = !fp8 ? 0 : job.options().fp8Scaling() == Fp8Scaling.CURRENT ? CAST_CURRENT : CAST_DELAYED;
        boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
        int wgrad = frozen ? 0 : 1;
        // TE's user-buffer overlaps split a column-parallel GEMM in tp ring steps, a row-parallel forward in 4 chunks.
        int tp = par.tp();
        int column = ringExchange ? tp : 1;
        int row = ringExchange ? TpOverlapGemms.PIPELINE_SPLITS : 1;
        // Attention: QKV (column), projection (row); MLA adds two down-projections, their latent norms and a second up-projection.
        int attnLinears = m.mla().isPresent() ? 5 : 2;
        double attnFwd = (m.mla().isPresent() ? 4 + 2 * column : column) + row + attnLinears * cast;
        // The row-parallel data gradient consumes a ring-exchanged output gradient: tp chunk GEMMs.
        double attnBwd = attnLinears * (1 + wgrad + cast) + (ringExchange ? tp - 1 : 0) + (m.qkNorm() ? QK_NORM_BWD : 0);
        attnFwd += m.qkNorm() ? QK_NORM_FWD : 0;
        double other = kernel == AttentionKernel.UNFUSED ? UNFUSED_ATTENTION_FWD : 0;
        double otherBwd = kernel == AttentionKernel.UNFUSED ? UNFUSED_ATTENTION_BWD : 0;
        double mlpFwd = column + row + 2 * cast;
        double mlpBwd = 2 * (1 + wgrad + cast) + (ringExchange ? tp - 1 : 0);
        double denseFwd = attnFwd + DENSE_OTHER_FWD + other + mlpFwd;
        double denseBwd = attnBwd + DENSE_OTHER_BWD + otherBwd + mlpBwd;
        double moeFwd = denseFwd;
        double moeBwd = denseBwd;
        double expertFwd = 0;
        int denseModules = attnLinears + 2;
        int moeModules = denseModules;
        boolean synchronised = false;
        if (m.moe().isPresent() && !m.moe().get().isTrivial()) {
            MoeSpec e = m.moe().get();
            synchronised = !MoeDispatchTraffic.staticSplits(job);
            // One cuBLAS GEMM per local expert (Transformer Engine's grouped linear on Hopper), each input cast.
            double experts = Math.max(1.0, (double) e.experts() / par.ep());
            double perExpertFwd = 2 * (LINEAR_FWD + cast);
            double perExpertBwd = 2 * (LINEAR_BWD - 1 + wgrad + cast);
            double padding = fp8 ? FP8_PADDING : 0;
            double shared = e.sharedExperts() > 0 ? 1 : 0;
            expertFwd = experts * perExpertFwd + EXPERT_OTHER_FWD + padding + ExpertBias.forwardKernels(e, experts);
            // The dense layer's activation is counted per expert instead; a shared expert has its own.
            moeFwd = attnFwd + DENSE_OTHER_FWD - 1 + other + MOE_ROUTING_FWD + expertFwd + shared * (mlpFwd + 1);
            moeBwd = attnBwd + DENSE_OTHER_BWD - 1 + otherBwd + MOE_ROUTING_BWD + experts * perExpertBwd + EXPERT_OTHER_BWD + padding
                    + ExpertBias.backwardKernels(e, experts) + shared * (mlpBwd + 1);
            // The router is a plain torch linear; the experts' two grouped linears, a shared expert's two linears.
            moeModules = attnLinears + EXPERT_MODULES + (e.sharedExperts() > 0 ? 2 : 0);
        }
        double perKernel = job.options().hostPerKernelNs().isPresent() ? job.options().hostPerKernelNs().getAsLong() * 1e-9
                : FRAMEWORK_DISPATCH_S + k.profile().launchLatencyNs() * 1e-9;
        // A job's own per-kernel figure (measured, or 0 under CUDA graphs) stands for its whole host cost.
        double module = job.options().hostPerKernelNs().isPresent() ? 0.0 : Math.max(0.0, TE_LINEAR_FWD_S - perKernel);
        double drain = synchronised && job.options().epCommOverlap() ? unpairedForwardShare(job) : 1.0;
        return new HostOverhead(perKernel, denseFwd, denseBwd, moeFwd, moeBwd, expertFwd, module, denseModules,
                moeModules, synchronised, drain);
    }

    /**
     * The share of a pipeline rank's forward passes that Megatron-Core's combined 1F1B schedule runs alone, not
     * paired with a backward: the warm-up micro-batches of the first rank (the most of any rank), over all its
     * micro-batch chunks. Megatron-Core core_r0.15 {@code get_pp_rank_microbatches}
     * ({@code pipeline_parallel/schedules.py}): interleaved, {@code 2 (pp − 1) + (v − 1) pp} warm-up chunks (the
     * group size per virtual stage defaulting to {@code pp}) plus one "to ensure the forward and backward computations
     * are independent" under {@code overlap_moe_expert_parallel_comm}; without pipelining one
     * ({@code combined_1f1b_schedule_for_no_pipelining} runs the first micro-batch's forward alone).
     */
    static double unpairedForwardShare(TrainingJobSpec job) {
        ParallelismSpec par = job.parallelism();
        int v = Math.max(1, par.virtualStages());
        double chunks = (double) job.microBatchesPerIteration() * v;
        double warmup = par.pp() > 1 ? 2.0 * (par.pp() - 1) + (v - 1.0) * par.pp() + 1 : 1;
        return Math.min(1.0, warmup / chunks);
    }

    /** CPU time to issue one kernel. */
    double hostPerKernelS() {
        return hostPerKernelS;
    }

    /** Kernels of one layer's forward. */
    double forwardKernels(boolean moe) {
        return moe ? moeFwd : denseFwd;
    }

    /** Kernels of one layer's backward. */
    double backwardKernels(boolean moe) {
        return moe ? moeBwd : denseBwd;
    }

    /** Host time of one layer's forward: its kernels and its linear modules' own CPU time. */
    double forwardHostS(boolean moe) {
        return forwardKernels(moe) * hostPerKernelS + (moe ? moeModules : denseModules) * moduleS;
    }

    /** Host time of the local experts' forward (their kernels and their two grouped linears). */
    double expertForwardHostS() {
        return expertFwd * hostPerKernelS + EXPERT_MODULES * moduleS;
    }

    /** Kernels of the local experts' forward in an MoE layer. */
    double expertForwardKernels() {
        return expertFwd;
    }

    /**
     * {@code gpu}, the forward of one layer whose local experts take {@code expertGpuS} of it, with the
     * time its GPU waits on the host added (see the class comment for the queue after the synchronisation).
     */
    PassTime forward(PassTime gpu, boolean moe, double expertGpuS) {
        double g = gpu.totalS();
        double host = forwardHostS(moe);
        if (!moe || !synchronised) {
            return gpu.withHostWait(Math.max(0.0, host - g));
        }
        // The experts' wait for their launches is not made up by the slack of the kernels after them.
        double experts = expertForwardHostS();
        double drained = Math.max(g, Math.max(host, experts + Math.max(0.0, g - expertGpuS)));
        // After the dispatcher's synchronisation the queue is empty: the GPU waits for the first launch too. A forward
        // paired with another micro-batch's backward (all-to-all overlap) finds that backward queued instead.
        double drainWait = drained - g + hostPerKernelS;
        return gpu.withHostWait(drainShare * drainWait + (1 - drainShare) * Math.max(0.0, host - g));
    }

    /** {@code gpu}, the backward of one layer, with the time its GPU waits on the host added. */
    PassTime backward(PassTime gpu, boolean moe) {
        return gpu.withHostWait(Math.max(0.0, backwardKernels(moe) * hostPerKernelS - gpu.totalS()));
    }
}
