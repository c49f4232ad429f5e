package dev.fleetsim.engine.workload.serving;

import java.util.Locale;

/**
 * What a replica does with a running request when its KV cache runs out: vLLM's two modes.
 * {@code recompute} frees the request's blocks and later prefills its prompt and the tokens it
 * had generated again; {@code swap} copies its blocks to host memory over PCIe and back when it
 * resumes.
 */
public enum PreemptionMode {
    RECOMPUTE, SWAP;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
