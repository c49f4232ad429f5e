package dev.fleetsim.engine.workload.serving;

/**
 * Prefill/decode disaggregation (DistServe, Splitwise): {@code prefillReplicas} replicas only
 * prefill; {@code decodeReplicas} replicas only decode. When a prompt's prefill ends, its first
 * token is out and its KV cache is sent to a decode replica as flows over the fabric, one per
 * tensor-parallel rank; the request decodes there once the transfer is done.
 */
public record DisaggregationSpec(int prefillReplicas, int decodeReplicas) {
    public DisaggregationSpec {
        if (prefillReplicas < 1 || decodeReplicas < 1) {
            throw new IllegalArgumentException("disaggregation needs at least one prefill and one decode replica");
        }
    }
}
