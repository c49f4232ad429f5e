package dev.fleetsim.engine.network.collective;

/**
 * The collective operations, each with the nccl-tests factor that turns algorithm bandwidth
 * (size over time) into bus bandwidth, the figure comparable across rank counts
 * (NVIDIA/nccl-tests doc/PERFORMANCE.md, copied in validation/reference/collectives.json).
 */
public enum CollectiveKind {
    ALL_REDUCE, REDUCE_SCATTER, ALL_GATHER, ALL_TO_ALL, SEND_RECV;

    /** busbw / algbw for {@code ranks} ranks. */
    public double busBwFactor(int ranks) {
        if (ranks < 2) {
            return 1.0;
        }
        double n = ranks;
        if (this == ALL_REDUCE) {
            return 2 * (n - 1) / n;
        }
        if (this == SEND_RECV) {
            return 1.0;
        }
        return (n - 1) / n;
    }
}
