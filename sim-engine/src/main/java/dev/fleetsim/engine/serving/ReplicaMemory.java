package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

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

    /** Buffers outside the engine's tensors: CUDA context, NCCL channels, CUDA graphs (about 1 GiB). */
    private static final double RESERVED_BYTES = 1L << 30;

    /**
     * One GPU's memory for a replica of {@code service} on {@code gpu}: usable share, weight
     * shard, workspace, and the KV blocks the rest holds (vLLM's profile run: the weights and the
     * largest iteration's activations first, the KV cache in what is left).
     */
    static ReplicaMemory of(ServiceSpec service, GpuSpec gpu) {
        ModelSpec m = service.model();
        EngineSpec e = service.engine();
        int tp = service.tp();
        int pp = service.pp();
        int layersPerStage = (m.layers() + pp - 1) / pp;
        double layerParams = 0;
        for (int i = 0; i < m.layers(); i++) {
            layerParams += m.layerParams(i);
        }
        // Weight-quantised checkpoints keep the embedding and the LM head in 16-bit.
        double embedding = (double) m.vocab() * m.hidden() * (m.tiedEmbeddings() ? 1 : 2) * ServingModel.ACT_BYTES / tp;
        double weights = layerParams / (tp * pp) * service.weights().bytesPerElement() + embedding;
        double tokens = e.maxBatchedTokens();
        // The largest iteration's live activations: the residual stream and a layer's widest
        // intermediates (QKV, the MLP's up and gate), plus fp32 logits of the sequences that sample.
        double ffn = m.moe().map(x -> (double) x.moeFfnHidden() * x.topK()).orElse((double) m.ffnHidden());
        double activations = tokens * ServingModel.ACT_BYTES * (2.0 * m.hidden()
                + (double) (m.heads() + 2 * m.kvHeads()) * m.headDim() / tp + 3.0 * Math.max(ffn, m.ffnHidden()) / tp);
        double logits = Math.min(e.maxSeqs(), tokens) * (double) m.vocab() / tp * 4;
        double workspace = activations + logits + RESERVED_BYTES;
        double usable = gpu.hbmBytes() * e.memoryUtilization();
        double kvPerToken = layersPerStage * ServingModel.kvElementsPerTokenLayer(m, tp) * service.kvCache().bytesPerElement();
        double free = usable - weights - workspace;
        long blocks = free > 0 ? (long) Math.floor(free / (kvPerToken * e.blockTokens())) : 0;
        return new ReplicaMemory(usable, weights, workspace, kvPerToken, blocks, e.blockTokens());
    }

    /** Tokens the KV cache holds. */
    public long kvTokens() {
        return kvBlocks * blockTokens;
    }

    /** Bytes left for the KV cache (negative when weights and workspace overflow). */
    public double kvBytes() {
        return usableBytes - weightsBytes - workspaceBytes;
    }
}
