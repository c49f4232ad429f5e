package dev.fleetsim.engine.workload.serving;

/**
 * Shared prompt prefixes (system prompts, few-shot templates): a fraction {@code share} of requests
 * starts with one of {@code groups} prefixes of {@code tokens} tokens each (the group drawn
 * uniformly); their prompt is the prefix followed by the drawn input. With prefix caching a replica
 * that holds the prefix's blocks does not prefill them again.
 */
public record PrefixSpec(int groups, int tokens, double share) {
    public PrefixSpec {
        if (groups < 1 || tokens < 1 || !(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("prefix needs groups >= 1, tokens >= 1, share in [0, 1]");
        }
    }
}
