package dev.fleetsim.engine.network;

import dev.fleetsim.engine.network.collective.CollectiveKind;

import java.util.List;

/**
 * Time of a collective over a set of GPUs on the cluster's topology. Group members are GPU
 * ids in rank order. Sizes are the per-rank buffer in bytes, as nccl-tests counts them.
 * The analytic model costs each group alone; the flow-level model costs a job's concurrent
 * groups together on the idle network ({@link #seconds}).
 */
public interface CollectiveModel {

    double allReduceSeconds(int[] group, long bytes);

    double allGatherSeconds(int[] group, long bytes);

    double reduceScatterSeconds(int[] group, long bytes);

    double sendRecvSeconds(int srcGpu, int dstGpu, long bytes);

    /** All-to-all: every rank sends {@code bytes / n} to every rank. */
    double allToAllSeconds(int[] group, long bytes);

    /** One collective on one group ({@code SEND_RECV}: {@code group} = {source, destination}). */
    default double seconds(CollectiveKind kind, int[] group, long bytes) {
        switch (kind) {
            case ALL_REDUCE:
                return allReduceSeconds(group, bytes);
            case ALL_GATHER:
                return allGatherSeconds(group, bytes);
            case REDUCE_SCATTER:
                return reduceScatterSeconds(group, bytes);
            case SEND_RECV:
                return sendRecvSeconds(group[0], group[1], bytes);
            default:
                return allToAllSeconds(group, bytes);
        }
    }

    /**
     * One occurrence of a collective run on every group of {@code groups} at the same time
     * (the TP, DP or PP groups of one job): done when the slowest group is. This default costs
     * each group alone and takes the slowest, which is exact when the groups share no link;
     * a model that sees shared links overrides it.
     */
    default double seconds(CollectiveKind kind, List<int[]> groups, long bytes) {
        double worst = 0.0;
        for (int[] group : groups) {
            worst = Math.max(worst, seconds(kind, group, bytes));
        }
        return worst;
    }
}
