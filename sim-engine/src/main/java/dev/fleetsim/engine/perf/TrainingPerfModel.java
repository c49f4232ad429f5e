package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.FineTuningSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * Time of one training iteration of a job on its actual GPUs. Compute is costed kernel by kernel
 * from the GPU's hardware profile ({@link LayerCompute}: GEMMs with their tensor/context/expert-
 * parallel shapes, attention by kernel, memory-bound kernels, FP8 casts) for every layer of every
 * pipeline rank ({@link StagePlan}: uneven stages allowed, embedding and head on the outer ranks);
 * the slowest rank paces the pipeline. Megatron 1F1B with {@code m} micro-batches and {@code v}
 * virtual stages then gives:
 * <ul>
 * <li>compute: {@code m} passes of the slowest rank (forward, backward, what recomputation replays),
 *     plus gradient accumulation, the optimizer step over the local (ZeRO-sharded) trainable
 *     parameters and FP8's once-per-iteration weight casts;</li>
 * <li>TP: per layer two all-reduces forward and two backward of the {@code b·s/cp·h} activations, or
 *     with sequence parallelism per linear pair an all-gather and a reduce-scatter forward and two
 *     all-gathers and a reduce-scatter backward (see {@link TrafficPlan}); each hides behind its own
 *     GEMM only;</li>
 * <li>CP: the ring exchange of K and V chunks ({@code cp − 1} steps forward, KV and their gradients
 *     backward), each step hidden behind that step's attention;</li>
 * <li>EP: two all-to-alls per MoE layer forward (dispatch, combine) and two backward, not overlapped;</li>
 * <li>bubble: {@code (p−1)/v} of one micro-batch's pipelined time of the slowest rank;</li>
 * <li>PP: one send per virtual stage and direction per micro-batch of {@code b·s/cp·h/t};</li>
 * <li>DP: ZeRO 0 one gradient all-reduce, ZeRO 1-2 (Megatron's distributed optimizer) a gradient
 *     reduce-scatter hidden behind the last micro-batch's backward and a parameter all-gather hidden
 *     behind the first one's forward, both up to {@code dpOverlap} (with the interleaved schedule one per model
 *     chunk, behind the cooldown's and warm-up's chunk passes, chunk 0's exposed: {@link ChunkedDpOverlap});
 *     ZeRO 3 (FSDP) per micro-batch and layer a parameter all-gather prefetched behind the previous layer's forward and backward and a
 *     gradient reduce-scatter behind the backward; expert parameters over the expert data-parallel groups;</li>
 * <li>other: a fixed per-iteration overhead.</li>
 * </ul>
 * Communication hidden behind compute still slows it (an NCCL collective by the measured 18.9 %,
 * {@link IterationTraffic#NCCL_OVERLAP_SLOWDOWN}), booked on its own dimension.
 * Runs in O(gpus) with a handful of small allocations.
 */
public final class TrainingPerfModel implements StepTimeModel {

    /**
     * Per-iteration fixed cost outside the modelled kernels: loss and gradient-norm reductions,
     * logging, the data loader's hand-off and the host synchronisation that ends an iteration.
     */
    public static final double ITERATION_OVERHEAD_S = 0.010;
    /**
     * Bytes of HBM traffic per locally updated parameter in the Adam step: read and write fp32
     * master weights and both moments (24), read the gradient (4 as fp32 for the update) and
     * write the 16-bit weight copy (2), plus the norm/unscale pass over the gradient (2).
     */
    static final double OPTIMIZER_TRAFFIC_BYTES_PER_PARAM = 32;
    /** Cross-entropy bytes per logit: read 16-bit logits (2), write and re-read fp32 probabilities (8). */
    static final double CROSS_ENTROPY_BYTES_FWD = 10;
    /** Cross-entropy backward per logit: read fp32 probabilities (4), write the 16-bit gradient (2), gather and scale (2). */
    static final double CROSS_ENTROPY_BYTES_BWD = 8;

    /**
     * The analytic collective model of the topology last asked about. It is a pure function of
     * the topology (its per-thread scratch is reset as it is read), so one serves every estimate
     * on that topology; a model per call cost a per-node scratch array each time (two thirds of
     * the bytes a 1M-job analytic run allocated).
     */
    private volatile AnalyticCollectiveModel analytic;

    /** The estimate on {@code topology} with the analytic collective model; see the class comment. */
    @Override
    public StepEstimate estimate(TrainingJobSpec job, Topology topology, int[] gpus) {
        AnalyticCollectiveModel model = analytic;
        if (model == null || model.topology() != topology) {
            model = new AnalyticCollectiveModel(topology);
            analytic = model;
        }
        return estimate(job, topology, model, gpus);
    }

    /**
     * The estimate with collectives costed by {@code collectives}; {@code gpus} are GPU ids in rank
     * order TP-CP-DP-PP ({@link TrafficGroups}). The job computes at the pace of its first GPU's
     * type. Every collective of {@link IterationTraffic} is costed once, on all its concurrent
     * groups, and {@link IterationTime} adds them to the compute.
     */
    public StepEstimate estimate(TrainingJobSpec job, Topology topology, CollectiveModel collectives, int[] gpus) {
        return estimate(job, topology, collectives, gpus, compute(job, topology, gpus));
    }

    /** The estimate from an already worked-out compute side (the layout search computes it first, for its bound). */
    StepEstimate estimate(TrainingJobSpec job, Topology topology, CollectiveModel collectives, int[] gpus,
                          IterationCompute compute) {
        IterationTraffic traffic = IterationTraffic.of(job, topology, gpus);
        double[] occurrenceS = new double[traffic.size()];
        GroupCosts costs = GroupCosts.of(collectives, topology);
        for (int i = 0; i < occurrenceS.length; i++) {
            IterationTraffic.Collective c = traffic.get(i);
            occurrenceS[i] = costs.seconds(c.kind(), c.groups(), c.bytes());
        }
        return IterationTime.estimate(compute, traffic, occurrenceS);
    }

    /**
     * The compute side of an iteration of {@code job} on {@code gpus}: everything but the
     * communication, which {@link IterationTraffic} describes and {@link IterationTime} adds.
     */
    public IterationCompute compute(TrainingJobSpec job, Topology topology, int[] gpus) {
        ParallelismSpec par = job.parallelism();
        if (gpus.length != par.gpus()) {
            throw new IllegalArgumentException("job " + job.id() + " needs " + par.gpus() + " GPUs, placement has " + gpus.length);
        }
        int m = job.microBatchesPerIteration();
        if (m < 1) {
            throw new IllegalArgumentException("job " + job.id() + ": global batch " + job.globalBatchSeqs()
                    + " is smaller than dp x micro-batch " + par.dp() * job.microBatchSeqs());
        }
        GpuSpec gpu = topology.gpuSpecOf(gpus[0]);
        if (!gpu.supports(job.precision())) {
            throw new IllegalArgumentException(gpu.name() + " does not compute in " + job.precision().key());
        }
        ModelSpec model = job.model();
        // Every step is synchronous over the job's GPUs, so it runs at the pace of the slowest of them.
        KernelCosts k = new KernelCosts(gpu, gpu.profile().slowestGpuSlowdown(gpus.length));
        LayerCompute compute = new LayerCompute(job, k);
        StagePlan plan = StagePlan.of(model, par);
        Layers layers = new Layers(job, compute, k);

        int slowest = 0;
        double slowestMicroS = -1;
        for (int r = 0; r < plan.ranks(); r++) {
            double s = layers.computeOn(plan, r).totalS();
            if (s > slowestMicroS) {
                slowestMicroS = s;
                slowest = r;
            }
        }
        PassTime micro = layers.computeOn(plan, slowest);
        StageParams params = StageParams.of(job, plan, slowest);
        StageParams biggest = TrafficPlan.largestStage(job, plan);
        double optimizerS = optimizerS(job, biggest, k, compute) + m * (accumulationS(job, params, k, m) + reduceCastS(job, params, k));
        PassTime computeByClass = micro.times(m);
        double computeS = computeByClass.totalS() + optimizerS;
        int v = plan.virtualStages();
        double bubbleFraction = par.pp() > 1 ? (par.pp() - 1.0) / ((double) v * m) : 0.0;
        double forward = layers.forwardOn(plan, slowest);
        double backward = layers.backwardOn(plan, slowest);
        double[] tpGemms = layers.tpGemmsOn(plan, slowest);
        for (int i = 0; i < tpGemms.length; i++) {
            tpGemms[i] *= m;
        }
        // The once-per-iteration DP exchange hides behind the last backward and the first forward, or with the
        // interleaved schedule behind the chunk backwards (forwards) after (before) each chunk's own (ChunkedDpOverlap).
        double dpWindow = ChunkedDpOverlap.windowMicroBatches(par.pp(), v, m);
        IterationCompute.Windows windows = new IterationCompute.Windows(dpWindow * forward, m * forward, m * backward,
                tpGemms, m * layers.attentionForwardOn(plan, slowest),
                m * layers.attentionBackwardOn(plan, slowest), m * layers.moeAttentionForwardOn(plan, slowest),
                m * layers.moeExpertsOn(plan, slowest), m * layers.moeAttentionBackwardOn(plan, slowest));
        return new IterationCompute(computeS, m * slowestMicroS, bubbleFraction, dpWindow * backward, m * slowestMicroS,
                ITERATION_OVERHEAD_S, gpus.length, job.tokensPerIteration(), FlopsModel.modelFlopsPerIteration(job),
                FlopsModel.hardwareFlopsPerIteration(job, compute.attentionKernel() != AttentionKernel.UNFUSED),
                gpu.peakFlopsPerS(job.precision()), MemoryModel.memory(job, gpu),
                windows, gpu.profile().identity().smCount(), computeByClass, optimizerS);
    }

    /** Per-GPU memory; see {@link MemoryModel}. */
    @Override
    public MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        return MemoryModel.memory(job, gpu);
    }

    /** The Adam step over the local trainable parameters, and FP8's weight casts once per iteration. */
    private static double optimizerS(TrainingJobSpec job, StageParams p, KernelCosts k, LayerCompute compute) {
        ParallelismSpec par = job.parallelism();
        boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
        boolean sharded = job.zeroStage() >= 1;
        double local = p.trainableDense(frozen) / (sharded ? par.dp() * par.cp() : 1)
                + p.trainableExpert(frozen) / (sharded ? par.expertDp() : 1);
        return k.copy(local * OPTIMIZER_TRAFFIC_BYTES_PER_PARAM) + compute.weightCastS(p.linearWeights());
    }

    /**
     * With several micro-batches and no gradient-accumulation fusion (PyTorch DDP/FSDP) each one's
     * weight gradients are added into the accumulator (.grad): read the new gradient, read and write the sum.
     */
    private static double accumulationS(TrainingJobSpec job, StageParams p, KernelCosts k, int microBatches) {
        // Fused into the weight-gradient GEMMs' epilogue, which the compute-bound GEMM hides.
        if (microBatches == 1 || job.options().gradAccumulationFusion()) {
            return 0.0;
        }
        ParallelismSpec par = job.parallelism();
        boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
        boolean sharded = job.zeroStage() >= 2;
        double local = p.trainableDense(frozen) / (sharded ? par.dp() * par.cp() : 1)
                + p.trainableExpert(frozen) / (sharded ? par.expertDp() : 1);
        double word = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();
        double accumulator = job.options().gradReduceFp32() ? 4 : word;
        return k.elementwise(local * (word + 2 * accumulator));
    }

    /**
     * PyTorch FSDP reducing in fp32 from 16-bit compute upcasts each micro-batch's unsharded gradient
     * before its reduce-scatter ({@code flat_param.grad.to(handle._reduce_dtype)} in
     * torch/distributed/fsdp/_runtime_utils.py, {@code _post_backward_hook}): read 2, write 4 bytes per
     * local parameter. Megatron's fp32 main-grad buffer (gradient-accumulation fusion) needs no such pass.
     */
    private static double reduceCastS(TrainingJobSpec job, StageParams p, KernelCosts k) {
        double word = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();
        if (job.zeroStage() < 3 || !job.options().gradReduceFp32() || job.options().gradAccumulationFusion() || word >= 4) {
            return 0.0;
        }
        boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
        return k.elementwise((p.trainableDense(frozen) + p.trainableExpert(frozen)) * (word + 4));
    }

    /** The layer kinds of a job (dense or routed, windowed or not) with their compute, and the per-rank sums over a stage plan. */
    private static final class Layers {
        final TrainingJobSpec job;
        final ModelSpec model;
        final double tokens;
        final double act;
        final LayerTimes dense;
        final LayerTimes denseWindowed;
        final LayerTimes moe;
        final LayerTimes moeWindowed;
        final double windowShare;
        final PassTime embedding;
        final PassTime head;
        final double replays;

        Layers(TrainingJobSpec job, LayerCompute compute, KernelCosts k) {
            this.job = job;
            this.model = job.model();
            ParallelismSpec par = job.parallelism();
            this.tokens = (double) job.microBatchSeqs() * model.seqLength() / par.cp();
            this.act = job.precision() == Precision.FP8 ? 2 : job.precision().bytesPerElement();
            this.windowShare = (double) model.slidingWindowLayers() / model.layers();
            boolean hasMoe = model.moe().isPresent();
            dense = compute.layer(false, false);
            denseWindowed = windowShare > 0 ? compute.layer(false, true) : dense;
            moe = hasMoe ? compute.layer(true, false) : dense;
            moeWindowed = hasMoe && windowShare > 0 ? compute.layer(true, true) : moe;
            embedding = embedding(k);
            head = head(k);
            // Forward GEMMs next to TP collectives run again when the layer is recomputed.
            replays = 1 + (job.recompute() == Recompute.FULL ? LayerCompute.fullRecomputeFraction(job) : 0);
        }

        private PassTime embedding(KernelCosts k) {
            double h = model.hidden();
            double local = job.options().sequenceParallel() ? tokens / job.parallelism().tp() : tokens;
            return new PassTime(0, 0, k.elementwise(4 * local * h) + k.elementwise(8 * tokens * h), 0);
        }

        /** Final norm, logits GEMM (16-bit: Megatron keeps the output layer out of FP8) and vocabulary-parallel cross-entropy. */
        private PassTime head(KernelCosts k) {
            double h = model.hidden();
            double vocab = (double) model.vocab() / job.parallelism().tp();
            Precision p = job.precision() == Precision.FP8 ? Precision.BF16 : job.precision();
            boolean frozen = job.options().fineTuning().map(FineTuningSpec::frozenBase).orElse(false);
            double gemm = k.gemm(p, tokens, vocab, h, act) + k.gemm(p, tokens, h, vocab, act)
                    + (frozen ? 0 : k.gemm(p, h, vocab, tokens, 4));
            double logits = tokens * vocab;
            double local = job.options().sequenceParallel() ? tokens / job.parallelism().tp() : tokens;
            double memory = k.reduction(CROSS_ENTROPY_BYTES_FWD * logits) + k.reduction(CROSS_ENTROPY_BYTES_BWD * logits)
                    + 3 * k.reduction(4 * local * h);
            return new PassTime(gemm, 0, memory, 0);
        }

        private int moeCount(StagePlan plan, int rank) {
            return model.moe().isPresent() ? plan.countOn(rank, model::isMoeLayer) : 0;
        }

        PassTime computeOn(StagePlan plan, int rank) {
            int n = plan.layersOn(rank);
            int moeLayers = moeCount(plan, rank);
            PassTime sum = mix(dense, denseWindowed, n - moeLayers).plus(mix(moe, moeWindowed, moeLayers));
            if (rank == 0) {
                sum = sum.plus(embedding);
            }
            if (rank == plan.ranks() - 1) {
                sum = sum.plus(head);
            }
            return sum;
        }

        private PassTime mix(LayerTimes plain, LayerTimes windowed, int count) {
            PassTime a = plain.forward().plus(plain.backward()).plus(plain.replay());
            if (windowShare <= 0) {
                return a.times(count);
            }
            PassTime b = windowed.forward().plus(windowed.backward()).plus(windowed.replay());
            return a.times(count * (1 - windowShare)).plus(b.times(count * windowShare));
        }

        /** Sum over the rank's layers of {@code f(layer kind)}. */
        private double over(StagePlan plan, int rank, java.util.function.ToDoubleFunction<LayerTimes> f) {
            int moeLayers = moeCount(plan, rank);
            return (plan.layersOn(rank) - moeLayers) * f.applyAsDouble(dense) + moeLayers * f.applyAsDouble(moe);
        }

        double forwardOn(StagePlan plan, int rank) {
            return over(plan, rank, l -> l.forward().totalS());
        }

        double backwardOn(StagePlan plan, int rank) {
            return over(plan, rank, l -> l.backward().totalS() + l.replay().totalS());
        }

        /** Per TP window, the rank's GEMMs behind it for one micro-batch (forward ones with their replays). */
        double[] tpGemmsOn(StagePlan plan, int rank) {
            double[] out = new double[IterationTraffic.Window.values().length];
            for (IterationTraffic.Window w : IterationTraffic.Window.values()) {
                if (w.isTensorParallel()) {
                    double passes = w.isForwardGemm() ? replays : 1.0;
                    out[w.ordinal()] = over(plan, rank, l -> l.tpGemmS(w) * passes);
                }
            }
            return out;
        }

        double attentionForwardOn(StagePlan plan, int rank) {
            return over(plan, rank, l -> l.attentionForwardS() + l.replay().attentionS());
        }

        double attentionBackwardOn(StagePlan plan, int rank) {
            return over(plan, rank, l -> l.backward().attentionS());
        }

        /** The rank's MoE layers' forward but their local experts (the combined 1F1B schedule's attention side). */
        double moeAttentionForwardOn(StagePlan plan, int rank) {
            return moeCount(plan, rank) * (moe.forward().totalS() - moe.expertForwardS());
        }

        /** The rank's MoE layers' local experts, forward and backward. */
        double moeExpertsOn(StagePlan plan, int rank) {
            return moeCount(plan, rank) * (moe.expertForwardS() + moe.expertBackwardS());
        }

        /** The rank's MoE layers' backward and replay but their local experts. */
        double moeAttentionBackwardOn(StagePlan plan, int rank) {
            return moeCount(plan, rank) * (moe.backward().totalS() + moe.replay().totalS() - moe.expertBackwardS());
        }
    }
}
