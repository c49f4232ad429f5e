package dev.fleetsim.engine.workload.serving;

import dev.fleetsim.engine.hardware.AttentionKernel;

import java.util.Optional;

/**
 * The inference engine of every replica of a deployment: its batching limits, KV-cache layout
 * and memory share. The defaults are vLLM V1's ({@link #VLLM}): 8,192 batched tokens per
 * iteration, 256 sequences, chunked prefill, 16-token blocks, prefix caching on, 90 % of GPU
 * memory, preemption by recompute, CUDA graphs for decode.
 *
 * @param maxBatchedTokens token budget of one iteration: every running decode takes one, prefill chunks the rest
 * @param maxSeqs most requests running at once on a replica
 * @param chunkedPrefill whether a prompt may be split over iterations (Sarathi-Serve, vLLM); without it a prompt
 *                       longer than the budget runs alone in one iteration and prefills never share one with decodes
 * @param blockTokens tokens per KV-cache block (paged attention)
 * @param prefixCaching whether blocks of shared prefixes are kept and reused across requests
 * @param memoryUtilization fraction of each GPU's memory the engine may use for weights, activations and KV cache
 * @param preemption what happens to a running request when the KV cache runs out
 * @param iterationOverheadNs host time per iteration not hidden behind the GPU (scheduling, sampling, detokenising)
 * @param cudaGraphs whether iterations are replayed as CUDA graphs (no per-kernel launch latency)
 * @param attention the fused attention kernel of prefills, or empty for the best the GPU's profile has
 *                  (FlashAttention-3 on Hopper, -2 elsewhere)
 * @param groupedDecodeAttention whether the decode attention kernel reads each KV head once for its whole group of
 *                               query heads (grouped-query attention as today's kernels run it); false: once per
 *                               query head, as the first paged and masked attention kernels did (TensorRT-LLM up to
 *                               0.6, vLLM up to 0.2), which multiplies a GQA model's KV reads by heads / kvHeads
 */
public record EngineSpec(int maxBatchedTokens, int maxSeqs, boolean chunkedPrefill, int blockTokens,
                         boolean prefixCaching, double memoryUtilization, PreemptionMode preemption,
                         long iterationOverheadNs, boolean cudaGraphs, Optional<AttentionKernel> attention,
                         boolean groupedDecodeAttention) {

    /** vLLM V1's defaults for an OpenAI-compatible server on a GPU with 70 GiB or more. */
    public static final EngineSpec VLLM = new EngineSpec(8192, 256, true, 16, true, 0.9, PreemptionMode.RECOMPUTE,
            0, true, Optional.empty(), true);

    public EngineSpec {
        if (maxBatchedTokens < 1 || maxSeqs < 1 || blockTokens < 1) {
            throw new IllegalArgumentException("engine limits must be >= 1");
        }
        if (!(memoryUtilization > 0 && memoryUtilization <= 1)) {
            throw new IllegalArgumentException("memoryUtilization must be in (0, 1], was " + memoryUtilization);
        }
    }
}
