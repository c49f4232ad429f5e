package dev.fleetsim.engine.workload;

import java.util.Locale;

/**
 * How Transformer Engine scales FP8 tensors: {@code DELAYED} takes the scale from the amax history
 * of earlier iterations (one cast pass per tensor); {@code CURRENT} (Megatron-Bridge's "FP8-CS")
 * computes each tensor's amax before casting it (an extra read of the tensor).
 */
public enum Fp8Scaling {
    DELAYED, CURRENT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
