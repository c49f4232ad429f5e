package dev.fleetsim.engine.workload;

import java.util.OptionalDouble;

/**
 * The mixture-of-experts part of a model: which layers route their MLP to experts and how.
 *
 * @param experts routed experts per MoE layer
 * @param topK experts each token is sent to
 * @param moeFfnHidden inner width of one routed expert
 * @param sharedExperts experts every token also goes through (DeepSeek-style), 0 for none
 * @param sharedFfnHidden inner width of one shared expert
 * @param denseLayers leading layers that keep a dense MLP of the model's {@code ffnHidden} (DeepSeek-V3: 3)
 * @param capacityFactor tokens an expert takes, as a multiple of the balanced share, with inputs
 *        padded to that capacity and the excess dropped; empty = dropless (every routed token is computed)
 * @param expertBias whether the experts' linears have biases (GPT-OSS; Megatron's {@code add_bias_linear}),
 *        which Megatron-Core adds to each expert's output outside the grouped GEMM
 */
public record MoeSpec(int experts, int topK, int moeFfnHidden, int sharedExperts, int sharedFfnHidden, int denseLayers,
                      OptionalDouble capacityFactor, boolean expertBias) {

    /** Experts without biases. */
    public MoeSpec(int experts, int topK, int moeFfnHidden, int sharedExperts, int sharedFfnHidden, int denseLayers,
                   OptionalDouble capacityFactor) {
        this(experts, topK, moeFfnHidden, sharedExperts, sharedFfnHidden, denseLayers, capacityFactor, false);
    }

    public MoeSpec {
        if (experts < 1 || topK < 1 || topK > experts || moeFfnHidden < 1 || sharedExperts < 0 || denseLayers < 0) {
            throw new IllegalArgumentException("MoE: experts >= 1, 1 <= topK <= experts, moeFfnHidden >= 1, "
                    + "sharedExperts and denseLayers >= 0");
        }
        if (sharedExperts > 0 && sharedFfnHidden < 1) {
            throw new IllegalArgumentException("MoE: shared experts need a sharedFfnHidden >= 1");
        }
        if (sharedExperts == 0) {
            sharedFfnHidden = 0; // no shared expert, no width: one record per layout
        }
        if (capacityFactor.isPresent() && !(capacityFactor.getAsDouble() > 0)) {
            throw new IllegalArgumentException("MoE: capacity factor must be > 0");
        }
    }

    /** Dropless routing: every routed token is computed, whatever the imbalance. */
    public static MoeSpec dropless(int experts, int topK, int moeFfnHidden, int sharedExperts, int sharedFfnHidden,
                                   int denseLayers) {
        return new MoeSpec(experts, topK, moeFfnHidden, sharedExperts, sharedFfnHidden, denseLayers, OptionalDouble.empty());
    }

    /** The same experts with or without biases. */
    public MoeSpec withExpertBias(boolean bias) {
        return new MoeSpec(experts, topK, moeFfnHidden, sharedExperts, sharedFfnHidden, denseLayers, capacityFactor, bias);
    }

    /** Tokens an expert computes relative to the balanced share: the capacity factor when inputs are padded to it, else 1. */
    public double tokenFactor() {
        return capacityFactor.orElse(1.0);
    }

    /** A single expert taking every token: the MLP of a dense model. */
    public boolean isTrivial() {
        return experts == 1 && topK == 1 && sharedExperts == 0 && capacityFactor.isEmpty();
    }
}
