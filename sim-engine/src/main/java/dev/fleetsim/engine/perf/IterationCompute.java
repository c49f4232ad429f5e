package dev.fleetsim.engine.perf;

/**
 * The compute side of one training iteration, as the compute model works it out, with what
 * {@link IterationTime} needs to add the communication of {@link IterationTraffic} to it: the
 * compute on the critical path, the part of it that is pipelined (and so stretched by the
 * bubble), the bubble's fraction, the length of every overlap window a collective can hide
 * behind, and what a hidden collective still costs. The rest are the figures a
 * {@link StepEstimate} reports alongside the times.
 *
 * @param computeS compute on the critical path: every micro-batch's stage pass plus the optimizer step
 * @param pipelinedComputeS the stage passes alone (m × stage time per micro-batch): what idle stages wait for
 * @param bubbleFraction {@code (p-1)/(v·m)} with a pipeline, else 0
 * @param lastBackwardS backward of the last micro-batch on the slowest stage, or with model chunks the chunk backwards
 *        left after the first chunk's last one ({@link ChunkedDpOverlap}; {@link IterationTraffic.Window#LAST_BACKWARD})
 * @param allMicroBatchesS every micro-batch's stage pass ({@link IterationTraffic.Window#ALL_COMPUTE})
 * @param otherS fixed per-iteration overhead
 * @param gpus GPUs of the job
 * @param tokensPerIteration tokens the job processes per iteration
 * @param modelFlopsPerIteration model FLOPs per iteration
 * @param hardwareFlopsPerIteration executed FLOPs per iteration
 * @param peakFlopsPerSPerGpu dense peak of the GPU in the job's precision
 * @param memory per-GPU memory
 * @param windows lengths of the other overlap windows
 * @param smCount the GPU's streaming multiprocessors: a hidden collective still costs {@code sms / smCount} of its time
 * @param computeByClass the critical path's compute by operation class
 * @param optimizerS the optimizer step, gradient accumulation and once-per-iteration weight casts
 */
public record IterationCompute(double computeS, double pipelinedComputeS, double bubbleFraction, double lastBackwardS,
                               double allMicroBatchesS, double otherS, int gpus, long tokensPerIteration,
                               double modelFlopsPerIteration, double hardwareFlopsPerIteration,
                               double peakFlopsPerSPerGpu, MemoryBreakdown memory, Windows windows, int smCount,
                               PassTime computeByClass, double optimizerS) {

    /**
     * Lengths, over the whole iteration, of the windows beyond the last backward and all compute.
     *
     * @param firstForwardS the first micro-batch's forward on the slowest stage, or with model chunks the warm-up's chunk
     *        forwards the later chunks' parameter gathers hide behind ({@link ChunkedDpOverlap})
     * @param forwardS every micro-batch's forward
     * @param backwardS every micro-batch's backward (with what recomputation replays)
     * @param tpGemmS per TP window (by the window's ordinal), every occurrence of its GEMM in the iteration
     * @param attentionForwardS every attention forward (and replay)
     * @param attentionBackwardS every attention backward
     * @param moeAttentionForwardS every MoE layer's forward but its local experts
     * @param moeExpertsS every MoE layer's local experts, forward and backward
     * @param moeAttentionBackwardS every MoE layer's backward (and replay) but its local experts
     */
    public record Windows(double firstForwardS, double forwardS, double backwardS, double[] tpGemmS,
                          double attentionForwardS, double attentionBackwardS, double moeAttentionForwardS,
                          double moeExpertsS, double moeAttentionBackwardS) {
        public static final Windows NONE = new Windows(0, 0, 0, new double[IterationTraffic.Window.values().length], 0, 0,
                0, 0, 0);

        public Windows {
            tpGemmS = tpGemmS.clone();
        }
    }

    /** An iteration's compute without the newer windows, overlap interference or class split. */
    public IterationCompute(double computeS, double pipelinedComputeS, double bubbleFraction, double lastBackwardS,
                            double allMicroBatchesS, double otherS, int gpus, long tokensPerIteration,
                            double modelFlopsPerIteration, double hardwareFlopsPerIteration, double peakFlopsPerSPerGpu,
                            MemoryBreakdown memory) {
        this(computeS, pipelinedComputeS, bubbleFraction, lastBackwardS, allMicroBatchesS, otherS, gpus,
                tokensPerIteration, modelFlopsPerIteration, hardwareFlopsPerIteration, peakFlopsPerSPerGpu, memory,
                Windows.NONE, 0, new PassTime(computeS, 0, 0, 0), 0.0);
    }

    /**
     * The fraction of its own time a collective holding {@code sms} SMs adds to the compute it runs
     * beside: the measured slowdown of compute next to an NCCL kernel ({@link
     * IterationTraffic#NCCL_OVERLAP_SLOWDOWN}, which includes its SMs' share), or the SMs' share where a
     * collective holds more; nothing for a copy-engine transfer (0 SMs).
     */
    public double interference(int sms) {
        if (smCount <= 0 || sms <= 0) {
            return 0.0;
        }
        return Math.min(1.0, Math.max(IterationTraffic.NCCL_OVERLAP_SLOWDOWN, (double) sms / smCount));
    }

    /** Seconds of compute a collective in {@code window} can hide behind (0 for the non-overlap windows). */
    public double windowS(IterationTraffic.Window window) {
        switch (window) {
            case LAST_BACKWARD:
                return lastBackwardS;
            case ALL_COMPUTE:
                return allMicroBatchesS;
            case FIRST_FORWARD:
                return windows.firstForwardS();
            case FORWARD:
                return windows.forwardS();
            case BACKWARD:
                return windows.backwardS();
            case ATTENTION_FORWARD:
                return windows.attentionForwardS();
            case ATTENTION_BACKWARD:
                return windows.attentionBackwardS();
            case MOE_ATTENTION_FORWARD:
                return windows.moeAttentionForwardS();
            case MOE_EXPERTS:
                return windows.moeExpertsS();
            case MOE_ATTENTION_BACKWARD:
                return windows.moeAttentionBackwardS();
            default:
                return window.isTensorParallel() ? windows.tpGemmS()[window.ordinal()] : 0.0;
        }
    }
}
