package dev.fleetsim.engine.metrics;

/**
 * One served request (a row of {@code requests.csv}). Times are simulated nanoseconds.
 *
 * @param service the deployment
 * @param id its number in the deployment's stream, from 0
 * @param replica the replica that produced its last token
 * @param scheduledNs when a replica first scheduled it (its queueing ends)
 * @param firstTokenNs when its first token came out
 * @param promptTokens prompt length, shared prefix included
 * @param cachedTokens prompt tokens a cached prefix saved
 * @param preemptions times a replica preempted it (KV cache full, or the replica itself stopped)
 * @param sloMet whether it met both the TTFT and the TPOT objective
 */
public record RequestRecord(String service, long id, String replica, long arrivalNs, long scheduledNs,
                            long firstTokenNs, long endNs, int promptTokens, int outputTokens, int cachedTokens,
                            int preemptions, boolean sloMet) {

    public long ttftNs() {
        return firstTokenNs - arrivalNs;
    }

    public long e2eNs() {
        return endNs - arrivalNs;
    }

    /** Time per output token after the first: (end − first token) / (output − 1); 0 for a one-token output. */
    public double tpotNs() {
        return outputTokens > 1 ? (double) (endNs - firstTokenNs) / (outputTokens - 1) : 0;
    }
}
