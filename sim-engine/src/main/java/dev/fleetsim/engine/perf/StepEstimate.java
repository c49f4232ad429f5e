package dev.fleetsim.engine.perf;

/**
 * The time of one training iteration on a given placement, split into the parts that make it.
 * The parts add up: {@code iterationTimeS = computeS + bubbleS + tpCommS + ppCommS + dpCommS + otherS}.
 *
 * @param iterationTimeS wall time of one iteration
 * @param computeS compute on the critical path (forward, backward, recompute, optimizer)
 * @param bubbleS pipeline fill and drain
 * @param tpCommS tensor-parallel all-reduces not hidden behind compute
 * @param ppCommS pipeline point-to-point transfers not hidden
 * @param dpCommS data-parallel gradient exchange not hidden behind backward
 * @param otherS fixed per-iteration overheads (optimizer step launch, data loading)
 * @param gpus GPUs the job uses
 * @param tokensPerIteration tokens the whole job processes per iteration
 * @param modelFlopsPerIteration 6·N·tokens plus attention, recompute not counted
 * @param hardwareFlopsPerIteration FLOPs actually executed, recompute counted (Megatron Eq. 3)
 * @param peakFlopsPerSPerGpu dense peak of the GPU in the job's precision (for MFU)
 * @param memory per-GPU memory use
 */
public record StepEstimate(double iterationTimeS, double computeS, double bubbleS, double tpCommS, double ppCommS,
                           double dpCommS, double otherS, int gpus, long tokensPerIteration,
                           double modelFlopsPerIteration, double hardwareFlopsPerIteration,
                           double peakFlopsPerSPerGpu, MemoryBreakdown memory) {

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
}
