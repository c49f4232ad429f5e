package dev.fleetsim.engine.serving;

/**
 * Memory of one GPU of a serving replica: what the engine may use ({@code memoryUtilization} of
 * HBM), the weights' shard, the activation workspace of the largest iteration, and the KV cache
 * that fits in the rest, in blocks.
 *
 * @param usableBytes HBM × memoryUtilization
 * @param weightsBytes this GPU's shard of the weights
 * @param workspaceBytes activations of an iteration of {@code maxBatchedTokens} tokens, logits, and the CUDA
 *                       context, NCCL and graph buffers
 * @param kvBytesPerToken KV cache of one token on this GPU (its share of the layers and KV heads)
 * @param kvBlocks blocks of {@code blockTokens} tokens the rest holds (0 when the weights do not fit)
 * @param blockTokens tokens per block
 */
public record ReplicaMemory(double usableBytes, double weightsBytes, double workspaceBytes, double kvBytesPerToken,
                            long kvBlocks, int blockTokens) {

    /** Tokens the KV cache holds. */
    public long kvTokens() {
        return kvBlocks * blockTokens;
    }

    /** Bytes left for the KV cache (negative when weights and workspace overflow). */
    public double kvBytes() {
        return usableBytes - weightsBytes - workspaceBytes;
    }
}
