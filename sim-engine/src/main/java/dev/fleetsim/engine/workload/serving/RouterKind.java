package dev.fleetsim.engine.workload.serving;

import java.util.Locale;

/**
 * How a deployment spreads requests over its replicas.
 * <ul>
 * <li>{@code round-robin}: in turn, whatever their load;</li>
 * <li>{@code least-outstanding}: to the replica with the fewest requests admitted and not finished
 *     (ties: the lower index);</li>
 * <li>{@code prefix-aware}: to a replica that holds the request's shared prefix in its KV cache,
 *     the least loaded of those; otherwise the least outstanding (KV-cache aware routing as in
 *     SGLang's router and llm-d).</li>
 * </ul>
 */
public enum RouterKind {
    ROUND_ROBIN, LEAST_OUTSTANDING, PREFIX_AWARE;

    /** The name scenario files use: {@code round-robin}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
