package dev.fleetsim.engine.perf;

/**
 * How much of the once-per-iteration data-parallel exchange (the gradient all-reduce or the distributed
 * optimizer's reduce-scatter, and its parameter all-gather) can hide when the interleaved pipeline
 * schedule splits each stage into {@code v > 1} model chunks. Megatron-Core wraps every chunk in its own
 * {@code DistributedDataParallel} with its own buffers (chunks after the first, and all of them with
 * {@code overlap_param_gather_with_optimizer_step}, one bucket each: {@code disable_bucketing} in
 * {@code megatron/training/training.py}, core_r0.15 / Megatron-Bridge v0.2.1's pin {@code 0d8e0714}).
 * With {@code align_grad_reduce} (on by default in both) the interleaved schedule starts a chunk's
 * gradient exchange as soon as its last micro-batch's backward is done ({@code grad_sync_func} in
 * {@code backward_step_helper_postprocess}, {@code pipeline_parallel/schedules.py}), and the schedule
 * runs the backward of the last group of {@code min(m, p)} micro-batches chunk by chunk, last chunk first:
 * after chunk {@code v − 1}'s last backward the rank still runs {@code (v − 1)·min(m, p)} chunk backwards
 * (each {@code 1/v} of a micro-batch's backward over the stage), and only the exchange of chunk 0, which
 * finishes last, has nothing left to hide behind. The parameter all-gather mirrors it
 * ({@code align_param_gather}, on in Megatron-Bridge's optimizer overlap whenever PP and VP exceed 1):
 * chunk 0's gather is waited for before the first forward, chunk {@code c}'s is started one chunk ahead
 * and hides behind the {@code min(m, p)} forwards of chunk {@code c − 1} in the warm-up.
 *
 * <p>Costed through {@link IterationTime}'s window rule {@code exposed = max(Σ(1 − hidden)·c, Σc − window)}
 * with a hidden share of {@code (v − 1)/v} (chunk 0's {@code 1/v} never hides) and a window of
 * {@code min(m, p)·(v − 1)/v} micro-batch backwards (forwards for the gather): {@code max(c/v, c − window)},
 * which is what the chunks' serialised exchanges leave exposed (each suffix of chunks has as much compute
 * left as the whole). Without interleaving ({@code v = 1}) the exchange hides behind the last micro-batch's
 * backward (first forward) bucket by bucket, as before: a share of 1 and a window of one micro-batch.
 * Not costed: chunk 0's gather also overlaps the other chunks' optimizer step under
 * {@code overlap_param_gather_with_optimizer_step} (Megatron-Bridge's performance scripts set it when DP,
 * PP and VP all exceed 1), a few milliseconds.
 */
final class ChunkedDpOverlap {

    private ChunkedDpOverlap() {
    }

    /** True when the interleaved schedule splits each stage into model chunks ({@code pp > 1}, {@code v > 1}). */
    static boolean interleaved(int pp, int virtualStages) {
        return pp > 1 && virtualStages > 1;
    }

    /** The share of the exchange that can hide at all: {@code (v − 1)/v} interleaved (chunk 0's never), else 1. */
    static double hiddenShare(int pp, int virtualStages) {
        return interleaved(pp, virtualStages) ? (virtualStages - 1.0) / virtualStages : 1.0;
    }

    /**
     * The window, in micro-batch passes over the whole stage, that the exchange hides behind:
     * {@code min(m, p)·(v − 1)/v} interleaved, else one (the last backward, or the first forward).
     */
    static double windowMicroBatches(int pp, int virtualStages, int microBatches) {
        if (!interleaved(pp, virtualStages)) {
            return 1.0;
        }
        return Math.min(microBatches, pp) * (virtualStages - 1.0) / virtualStages;
    }
}
