package dev.fleetsim.engine.workload;

/**
 * The parallel layout of a training job: tensor, pipeline and data parallel degrees, and
 * interleaved virtual pipeline stages per GPU ({@code 1} = plain 1F1B).
 */
public record ParallelismSpec(int tp, int pp, int dp, int virtualStages) {
    public int gpus() {
        return tp * pp * dp;
    }
}
