package dev.fleetsim.engine.perf;

/**
 * The compute side of one training iteration, as the compute model works it out, with what
 * {@link IterationTime} needs to add the communication of {@link IterationTraffic} to it: the
 * compute on the critical path, the part of it that is pipelined (and so stretched by the
 * bubble), the bubble's fraction, and the length of every overlap window a collective can hide
 * behind. The rest are the figures a {@link StepEstimate} reports alongside the times.
 *
 * @param computeS compute on the critical path: every micro-batch's stage pass plus the optimizer step
 * @param pipelinedComputeS the stage passes alone (m × stage time per micro-batch): what idle stages wait for
 * @param bubbleFraction {@code (p-1)/(v·m)} with a pipeline, else 0
 * @param lastBackwardS backward of the last micro-batch on the most loaded stage ({@link IterationTraffic.Window#LAST_BACKWARD})
 * @param allMicroBatchesS every micro-batch's stage pass ({@link IterationTraffic.Window#ALL_COMPUTE})
 * @param otherS fixed per-iteration overhead
 * @param gpus GPUs of the job
 * @param tokensPerIteration tokens the job processes per iteration
 * @param modelFlopsPerIteration model FLOPs per iteration
 * @param hardwareFlopsPerIteration executed FLOPs per iteration
 * @param peakFlopsPerSPerGpu dense peak of the GPU in the job's precision
 * @param memory per-GPU memory
 */
public record IterationCompute(double computeS, double pipelinedComputeS, double bubbleFraction, double lastBackwardS,
                               double allMicroBatchesS, double otherS, int gpus, long tokensPerIteration,
                               double modelFlopsPerIteration, double hardwareFlopsPerIteration,
                               double peakFlopsPerSPerGpu, MemoryBreakdown memory) {

    /** Seconds of compute a collective in {@code window} can hide behind (0 for the non-overlap windows). */
    public double windowS(IterationTraffic.Window window) {
        switch (window) {
            case LAST_BACKWARD:
                return lastBackwardS;
            case ALL_COMPUTE:
                return allMicroBatchesS;
            default:
                return 0.0;
        }
    }
}
