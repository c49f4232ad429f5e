package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.AnalyticCollectiveModel;
import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.topology.EfficiencySpec;
import dev.fleetsim.engine.topology.GpuSpec;
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
 *     (+2 replayed by full recompute), not overlapped;</li>
 * <li>bubble: {@code (p-1)/(v·m)} of the pipelined time (stage compute and its TP all-reduces,
 *     which idle stages wait for alike; the optimizer step is outside the pipeline);</li>
 * <li>PP: one send per virtual stage and direction per micro-batch, of {@code b·s·h/t} per TP
 *     rank (Megatron's scatter/gather);</li>
 * <li>DP: ZeRO 0-2 one gradient all-reduce (reduce-scatter + all-gather, same volume) per
 *     iteration, hidden up to {@code dpOverlap} behind the last micro-batch's backward; ZeRO-3
 *     per micro-batch two parameter all-gathers and one gradient reduce-scatter, hidden up to
 *     {@code dpOverlap} behind all compute;</li>
 * <li>other: a fixed per-iteration overhead.</li>
 * </ul>
 * The compute side is {@link #compute}; the communication is {@link IterationTraffic} (the one
 * list of collectives), each costed once on all the groups that run it at the same time, and
 * {@link IterationTime} adds it up. Runs in O(gpus) with a handful of small allocations.
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
     * stage {@code r / (tp·dp)}). The job computes at the pace of its first GPU's type. Every
     * collective of {@link IterationTraffic} is costed once, on all its concurrent groups, and
     * {@link IterationTime} adds them to the compute.
     */
    public StepEstimate estimate(TrainingJobSpec job, Topology topology, CollectiveModel collectives, int[] gpus) {
        IterationCompute compute = compute(job, topology, gpus);
        IterationTraffic traffic = IterationTraffic.of(job, gpus);
        double[] occurrenceS = new double[traffic.size()];
        for (int i = 0; i < occurrenceS.length; i++) {
            IterationTraffic.Collective c = traffic.get(i);
            occurrenceS[i] = collectives.seconds(c.kind(), c.groups(), c.bytes());
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

        double computeS = microBatches * stagePerMicro + optimizerS;
        double bubbleFraction = pp > 1 ? (pp - 1.0) / ((double) v * microBatches) : 0.0;
        return new IterationCompute(computeS, microBatches * stagePerMicro, bubbleFraction, stageBwdPerMicro,
                microBatches * stagePerMicro, ITERATION_OVERHEAD_S, gpus.length, job.tokensPerIteration(),
                FlopsModel.modelFlopsPerIteration(job), FlopsModel.hardwareFlopsPerIteration(job), peak,
                MemoryModel.memory(job, gpu));
    }

    /** Per-GPU memory; see {@link MemoryModel}. */
    @Override
    public MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        return MemoryModel.memory(job, gpu);
    }
}
