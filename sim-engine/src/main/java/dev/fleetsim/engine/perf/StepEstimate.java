package dev.fleetsim.engine.perf;

/**
 * The time of one training iteration on a given placement, split into the parts that make it.
 * The parts add up: {@code iterationTimeS = computeS + bubbleS + tpCommS + ppCommS + dpCommS +
 * cpCommS + epCommS + otherS}, and the compute splits by class:
 * {@code computeS = computeByClass.totalS() + optimizerS}.
 *
 * @param iterationTimeS wall time of one iteration
 * @param computeS compute on the critical path (forward, backward, recompute, optimizer)
 * @param bubbleS pipeline fill and drain
 * @param tpCommS tensor-parallel collectives not hidden behind compute
 * @param ppCommS pipeline point-to-point transfers not hidden
 * @param dpCommS data-parallel gradient (and parameter) exchange not hidden
 * @param otherS fixed per-iteration overheads (optimizer step launch, data loading)
 * @param gpus GPUs the job uses
 * @param tokensPerIteration tokens the whole job processes per iteration
 * @param modelFlopsPerIteration 6·N·tokens plus attention, recompute not counted
 * @param hardwareFlopsPerIteration FLOPs the kernels execute, recompute counted ({@link FlopsModel#hardwareFlopsPerIteration})
 * @param peakFlopsPerSPerGpu dense peak of the GPU in the job's precision (for MFU)
 * @param memory per-GPU memory use
 * @param cpCommS context-parallel KV exchange not hidden behind attention
 * @param epCommS expert-parallel all-to-alls (MoE token dispatch and combine)
 * @param computeByClass the critical path's compute by operation class (GEMMs, attention, memory-bound, FP8 casts)
 * @param optimizerS the optimizer step, gradient accumulation and once-per-iteration weight casts
 */
public record StepEstimate(double iterationTimeS, double computeS, double bubbleS, double tpCommS, double ppCommS,
                           double dpCommS, double otherS, int gpus, long tokensPerIteration,
                           double modelFlopsPerIteration, double hardwareFlopsPerIteration,
                           double peakFlopsPerSPerGpu, MemoryBreakdown memory, double cpCommS, double epCommS,
                           PassTime computeByClass, double optimizerS) {

    /** An estimate without context- or expert-parallel terms and without a compute split (all compute as GEMMs). */
    public StepEstimate(double iterationTimeS, double computeS, double bubbleS, double tpCommS, double ppCommS,
                        double dpCommS, double otherS, int gpus, long tokensPerIteration, double modelFlopsPerIteration,
                        double hardwareFlopsPerIteration, double peakFlopsPerSPerGpu, MemoryBreakdown memory) {
        this(iterationTimeS, computeS, bubbleS, tpCommS, ppCommS, dpCommS, otherS, gpus, tokensPerIteration,
                modelFlopsPerIteration, hardwareFlopsPerIteration, peakFlopsPerSPerGpu, memory, 0, 0,
                new PassTime(computeS, 0, 0, 0), 0);
    }

    public double tokensPerSecondPerGpu() {
        return tokensPerIteration / iterationTimeS / gpus;
    }

    public double modelTflopsPerGpu() {
        return modelFlopsPerIteration / iterationTimeS / gpus / 1e12;
    }

    public double hardwareTflopsPerGpu() {
        return hardwareFlopsPerIteration / iterationTimeS / gpus / 1e12;
    }

    /** Model FLOPs utilisation: model FLOP/s per GPU over the dense peak. */
    public double mfu() {
        return modelFlopsPerIteration / iterationTimeS / gpus / peakFlopsPerSPerGpu;
    }

    /** Fraction of the iteration the GPU spends computing; drives the busy-GPU and power figures. */
    public double computeFraction() {
        return computeS / iterationTimeS;
    }

    /**
     * The same estimate at a slower pace {@code paceS}, the extra time booked on the tensor-, pipeline-
     * or data-parallel term (what a shared network slows); the parts still add up.
     */
    public StepEstimate slowedTo(double paceS, IterationTraffic.Dimension dimension) {
        double extra = paceS - iterationTimeS;
        if (extra <= 0) {
            return this;
        }
        boolean tp = dimension == IterationTraffic.Dimension.TP;
        boolean pp = dimension == IterationTraffic.Dimension.PP;
        boolean dp = dimension == IterationTraffic.Dimension.DP;
        boolean cp = dimension == IterationTraffic.Dimension.CP;
        boolean ep = dimension == IterationTraffic.Dimension.EP;
        return new StepEstimate(paceS, computeS, bubbleS, tpCommS + (tp ? extra : 0), ppCommS + (pp ? extra : 0),
                dpCommS + (dp ? extra : 0), otherS, gpus, tokensPerIteration, modelFlopsPerIteration,
                hardwareFlopsPerIteration, peakFlopsPerSPerGpu, memory, cpCommS + (cp ? extra : 0),
                epCommS + (ep ? extra : 0), computeByClass, optimizerS);
    }
}
