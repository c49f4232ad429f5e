package dev.fleetsim.engine.perf;

/**
 * Bytes one GPU of a training job holds, by term, against its HBM capacity.
 *
 * @param weightsBytes parameters held by this GPU (after TP/PP split and ZeRO-3 sharding)
 * @param gradientsBytes gradients (ZeRO-2 and up shard them)
 * @param optimizerBytes optimizer state: fp32 master weights and Adam moments (ZeRO-1 and up shard them)
 * @param activationsBytes activations kept for backward, by recompute mode and pipeline depth
 * @param workspaceBytes framework and communication buffers, a fixed reserve
 * @param capacityBytes the GPU's HBM
 */
public record MemoryBreakdown(long weightsBytes, long gradientsBytes, long optimizerBytes, long activationsBytes,
                              long workspaceBytes, long capacityBytes) {

    public long totalBytes() {
        return weightsBytes + gradientsBytes + optimizerBytes + activationsBytes + workspaceBytes;
    }

    public boolean fits() {
        return totalBytes() <= capacityBytes;
    }

    public long overflowBytes() {
        return Math.max(0, totalBytes() - capacityBytes);
    }

    /** The name of the largest term, which is the one to shrink when the job does not fit. */
    public String largestTerm() {
        String name = "weights";
        long max = weightsBytes;
        if (gradientsBytes > max) { name = "gradients"; max = gradientsBytes; }
        if (optimizerBytes > max) { name = "optimizer state"; max = optimizerBytes; }
        if (activationsBytes > max) { name = "activations"; }
        return name;
    }
}
