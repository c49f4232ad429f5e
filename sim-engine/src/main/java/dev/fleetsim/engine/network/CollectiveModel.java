package dev.fleetsim.engine.network;

/**
 * Time of a collective over a set of GPUs on the cluster's topology. Group members are GPU
 * ids in rank order. Sizes are the per-rank buffer in bytes, as nccl-tests counts them.
 * The analytic model costs each collective alone; the flow-level model (network issue)
 * replaces it and accounts for other jobs sharing the links.
 */
public interface CollectiveModel {

    double allReduceSeconds(int[] group, long bytes);

    double allGatherSeconds(int[] group, long bytes);

    double reduceScatterSeconds(int[] group, long bytes);

    double sendRecvSeconds(int srcGpu, int dstGpu, long bytes);

    /** All-to-all: every rank sends {@code bytes / n} to every other rank (MoE token dispatch and combine). */
    double allToAllSeconds(int[] group, long bytes);
}
