package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.hardware.EfficiencySpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.ParallelismSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * Time of one training iteration of a job on its actual GPUs. Compute is a roofline per
 * operation class of {@link FlopsModel}: {@code max(flops / (peak × matmul), bytes / (HBM ×
 * memory))}, summed over classes, for forward, backward (twice the GEMM FLOPs) and what
 * recomputation replays, on the most loaded pipeline stage (the last: it also computes the
 * logits). Megatron 1F1B with {@code m} micro-batches and {@code v} virtual stages then gives:
 * <ul>
 * <li>compute: {@code m} stage passes, each adding its weight gradients into the accumulator when
 *     {@code m > 1}, and the optimizer step, both memory-bound over the local (ZeRO-sharded)
 *     parameters;</li>
 * <li>TP: per layer and micro-batch 2 forward + 2 backward all-reduces of {@code b·s·h} activations
 *     (+2 replayed by full recompute), not overlapped, on the slowest TP group of the placement;</li>
 * <li>bubble: {@code (p-1)/(v·m)} of the pipelined time (stage compute and its TP all-reduces,
 *     which idle stages wait for alike; the optimizer step is outside the pipeline);</li>
 * <li>PP: one send per virtual stage and direction per micro-batch, of {@code b·s·h/t} per TP
 *     rank (Megatron's scatter/gather), on the slowest neighbour pair;</li>
 * <li>DP: ZeRO 0-2 one gradient all-reduce (reduce-scatter + all-gather, same volume) per
 *     iteration, hidden up to {@code dpOverlap} behind the last micro-batch's backward; ZeRO-3
 *     per micro-batch two parameter all-gathers and one gradient reduce-scatter, hidden up to
 *     {@code dpOverlap} behind all compute;</li>
 * <li>other: a fixed per-iteration overhead.</li>
 * </ul>
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
     * write the bf16 weight copy (2), plus the norm/unscale pass over the gradient (2).
     */
    static final double OPTIMIZER_TRAFFIC_BYTES_PER_PARAM = 32;
    /** Gradient accumulation reads the new gradient and reads and writes the running sum. */
    static final double GRAD_ACCUMULATION_PASSES = 3;

    /** The estimate on {@code topology} with the analytic collective model; see the class comment. */
    @Override
    public StepEstimate estimate(TrainingJobSpec job, Topology topology, int[] gpus) {
        return estimate(job, topology, new AnalyticCollectiveModel(topology), gpus);
    }

    /**
     * The estimate with collectives costed by {@code collectives}; {@code gpus} are GPU ids in
     * Megatron rank order (rank r: tp rank {@code r % tp}, dp rank {@code (r / tp) % dp}, pp
     * stage {@code r / (tp·dp)}). The job computes at the pace of its first GPU's type.
     */
    public StepEstimate estimate(TrainingJobSpec job, Topology topology, CollectiveModel collectives, int[] gpus) {
        ParallelismSpec par = job.parallelism();
        if (gpus.length != par.gpus()) {
            throw new IllegalArgumentException("job " + job.id() + " needs " + par.gpus() + " GPUs, placement has " + gpus.length);
        }
        int microBatches = job.microBatchesPerIteration();
        if (microBatches < 1) {
            throw new IllegalArgumentException("job " + job.id() + ": global batch " + job.globalBatchSeqs()
                    + " is smaller than dp x micro-batch " + par.dp() * job.microBatchSeqs());
        }
        GpuSpec gpu = topology.gpuSpecOf(gpus[0]);
        if (!gpu.supports(job.precision())) {
            throw new IllegalArgumentException(gpu.name() + " does not compute in " + job.precision().key());
        }
        double peak = gpu.peakFlopsPerS(job.precision());
        ModelSpec m = job.model();
        int tp = par.tp();
        int pp = par.pp();
        int v = Math.max(1, par.virtualStages());
        int b = job.microBatchSeqs();

        EfficiencySpec eff = gpu.efficiency();
        double flopsPerS = peak * eff.matmul();
        double bytesPerS = gpu.hbmBandwidthBytesPerS() * eff.memory();
        FlopsModel.LayerWork w = FlopsModel.layerWork(m, b, tp, job.flashAttention());
        FlopsModel.HeadWork head = FlopsModel.headWork(m, b, tp);

        double gemmFwd = w.gemmFlopsFwd() / flopsPerS;
        double attnFwd = Math.max(w.attentionFlopsFwd() / flopsPerS, w.attentionBytesFwd() / bytesPerS);
        double attnBwd = Math.max(2 * w.attentionFlopsFwd() / flopsPerS, w.attentionBytesBwd() / bytesPerS);
        double layerFwd = gemmFwd + attnFwd + w.elementwiseBytesFwd() / bytesPerS;
        double layerBwd = 2 * gemmFwd + attnBwd + w.elementwiseBytesBwd() / bytesPerS;
        double layerReplay = job.recompute() == Recompute.FULL ? layerFwd
                : job.recompute() == Recompute.SELECTIVE ? attnFwd : 0.0;
        double headFwd = head.gemmFlopsFwd() / flopsPerS + head.bytesFwd() / bytesPerS;
        double headBwd = 2 * head.gemmFlopsFwd() / flopsPerS + head.bytesBwd() / bytesPerS;

        double layers = MemoryModel.stageLayers(m, pp);
        double stageBwdPerMicro = layers * (layerBwd + layerReplay) + headBwd;
        double stagePerMicro = layers * layerFwd + headFwd + stageBwdPerMicro;

        long activationBytes = (long) b * m.seqLength() * m.hidden() * job.precision().bytesPerElement();
        double tpAllReduce = slowestTpAllReduce(collectives, gpus, par, activationBytes);
        int tpAllReducesPerLayer = job.recompute() == Recompute.FULL ? 6 : 4;
        double tpPerMicro = layers * tpAllReducesPerLayer * tpAllReduce;

        double stageParams = MemoryModel.stageParams(job);
        int zero = job.zeroStage();
        double localParams = zero >= 1 ? stageParams / par.dp() : stageParams;
        double optimizerS = localParams * OPTIMIZER_TRAFFIC_BYTES_PER_PARAM / bytesPerS;

        // With several micro-batches each one's weight gradients are added into an accumulator
        // (PyTorch autograd, Megatron's main_grad): read the new gradient, read and write the sum.
        double localGradParams = zero >= 2 ? stageParams / par.dp() : stageParams;
        double accumulateS = microBatches == 1 ? 0.0 : localGradParams * GRAD_ACCUMULATION_PASSES * job.precision().bytesPerElement() / bytesPerS;
        stageBwdPerMicro += accumulateS;
        stagePerMicro += accumulateS;

        double pipelined = microBatches * (stagePerMicro + tpPerMicro);
        double computeS = microBatches * stagePerMicro + optimizerS;
        double tpCommS = microBatches * tpPerMicro;
        double bubbleS = pp > 1 ? (pp - 1.0) / ((double) v * microBatches) * pipelined : 0.0;
        double ppCommS = pp > 1
                ? microBatches * 2.0 * v * slowestPipelineSend(collectives, gpus, par, activationBytes / tp) : 0.0;

        long gradBytes = Math.round(stageParams * job.precision().bytesPerElement());
        double dpCommS = dataParallelExposedS(job, collectives, gpus, gradBytes, microBatches,
                stageBwdPerMicro, stagePerMicro);

        double otherS = ITERATION_OVERHEAD_S;
        double iterationS = computeS + bubbleS + tpCommS + ppCommS + dpCommS + otherS;
        return new StepEstimate(iterationS, computeS, bubbleS, tpCommS, ppCommS, dpCommS, otherS, gpus.length,
                job.tokensPerIteration(), FlopsModel.modelFlopsPerIteration(job),
                FlopsModel.hardwareFlopsPerIteration(job), peak, MemoryModel.memory(job, gpu));
    }

    /** Per-GPU memory; see {@link MemoryModel}. */
    @Override
    public MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        return MemoryModel.memory(job, gpu);
    }

    /** The exposed data-parallel time per iteration, by ZeRO stage, after overlap with backward. */
    private static double dataParallelExposedS(TrainingJobSpec job, CollectiveModel collectives, int[] gpus,
                                               long gradBytes, int microBatches, double bwdPerMicro,
                                               double stagePerMicro) {
        ParallelismSpec par = job.parallelism();
        if (par.dp() <= 1) {
            return 0.0;
        }
        double commS;
        double windowS;
        if (job.zeroStage() >= 3) {
            // FSDP gathers the weights for forward and again for backward and reduce-scatters the
            // gradients on every micro-batch; all of it can hide behind the compute of that micro-batch.
            double allGather = slowestDpCollective(collectives, gpus, par, gradBytes, true);
            double reduceScatter = slowestDpCollective(collectives, gpus, par, gradBytes, false);
            commS = microBatches * (2 * allGather + reduceScatter);
            windowS = microBatches * stagePerMicro;
        } else {
            // Gradients accumulate locally; the exchange starts in the last micro-batch's backward.
            commS = slowestDpAllReduce(collectives, gpus, par, gradBytes);
            windowS = bwdPerMicro;
        }
        double overlap = Math.min(1.0, Math.max(0.0, job.dpOverlap()));
        return Math.max((1.0 - overlap) * commS, commS - windowS);
    }

    /** TP groups are contiguous runs of {@code tp} ranks; the slowest one paces the job. */
    private static double slowestTpAllReduce(CollectiveModel collectives, int[] gpus, ParallelismSpec par, long bytes) {
        int tp = par.tp();
        if (tp <= 1) {
            return 0.0;
        }
        int[] group = new int[tp];
        double worst = 0.0;
        for (int base = 0; base < gpus.length; base += tp) {
            System.arraycopy(gpus, base, group, 0, tp);
            worst = Math.max(worst, collectives.allReduceSeconds(group, bytes));
        }
        return worst;
    }

    /** DP groups stride by {@code tp} inside one pipeline stage. */
    private static double slowestDpAllReduce(CollectiveModel collectives, int[] gpus, ParallelismSpec par, long bytes) {
        double worst = 0.0;
        int[] group = new int[par.dp()];
        for (int stage = 0; stage < par.pp(); stage++) {
            for (int t = 0; t < par.tp(); t++) {
                fillDpGroup(gpus, par, stage, t, group);
                worst = Math.max(worst, collectives.allReduceSeconds(group, bytes));
            }
        }
        return worst;
    }

    private static double slowestDpCollective(CollectiveModel collectives, int[] gpus, ParallelismSpec par, long bytes,
                                              boolean allGather) {
        double worst = 0.0;
        int[] group = new int[par.dp()];
        for (int stage = 0; stage < par.pp(); stage++) {
            for (int t = 0; t < par.tp(); t++) {
                fillDpGroup(gpus, par, stage, t, group);
                worst = Math.max(worst, allGather ? collectives.allGatherSeconds(group, bytes)
                        : collectives.reduceScatterSeconds(group, bytes));
            }
        }
        return worst;
    }

    private static void fillDpGroup(int[] gpus, ParallelismSpec par, int stage, int tpRank, int[] group) {
        int base = stage * par.tp() * par.dp() + tpRank;
        for (int d = 0; d < group.length; d++) {
            group[d] = gpus[base + d * par.tp()];
        }
    }

    /** Stage neighbours are {@code tp·dp} ranks apart; the slowest pair paces every hand-off. */
    private static double slowestPipelineSend(CollectiveModel collectives, int[] gpus, ParallelismSpec par, long bytes) {
        int stride = par.tp() * par.dp();
        double worst = 0.0;
        for (int r = 0; r + stride < gpus.length; r++) {
            worst = Math.max(worst, collectives.sendRecvSeconds(gpus[r], gpus[r + stride], bytes));
        }
        return worst;
    }
}
