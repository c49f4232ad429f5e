package dev.fleetsim.engine.network.collective;

/**
 * The cost of one collective alone on an idle network, with nccl-tests' bandwidth figures.
 *
 * @param algorithm the decomposition used
 * @param kind the operation
 * @param bytes size as nccl-tests counts it
 * @param ranks group size
 * @param seconds completion time
 * @param algBwBytesPerS {@code bytes / seconds}
 * @param busBwBytesPerS {@code algBw} times the operation's bus-bandwidth factor
 */
public record CollectiveCost(String algorithm, CollectiveKind kind, long bytes, int ranks, double seconds,
                             double algBwBytesPerS, double busBwBytesPerS) {
}
