package dev.fleetsim.engine.serving;

/**
 * A replica's running count of the micro-batches (iterations) it started and the tokens they
 * carried: what its tensor-parallel all-reduces and stage hand-offs moved, read at each window by
 * the cluster run ({@code run.ReplicaComm}) as the replica's load on a shared network. Counts only,
 * never an event.
 */
final class Iterated {
    private long microBatches;
    private long tokens;

    /** {@code batches} more micro-batches, carrying {@code tokenCount} tokens together. */
    void add(long batches, long tokenCount) {
        microBatches += batches;
        tokens += tokenCount;
    }

    long microBatches() {
        return microBatches;
    }

    long tokens() {
        return tokens;
    }
}
