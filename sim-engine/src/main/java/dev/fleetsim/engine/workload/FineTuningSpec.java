package dev.fleetsim.engine.workload;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a fine-tuning job trains: all weights ({@code FULL}), or low-rank adapters on a frozen base
 * ({@code LORA}: base in the job's 16-bit precision; {@code QLORA}: base quantised to 4 bits,
 * dequantised on the fly). A frozen base has no optimizer state and no weight gradients, but
 * backward still computes activation gradients through it.
 *
 * @param method full, lora or qlora
 * @param rank adapter rank r (ignored for full fine-tuning)
 * @param targets the projections that carry adapters: a subset of {@link #PROJECTIONS}
 */
public record FineTuningSpec(Method method, int rank, Set<String> targets) {

    /** Projections an adapter can sit on, as PEFT names them. */
    public static final List<String> PROJECTIONS = List.of("q", "k", "v", "o", "gate", "up", "down");

    /** The training method. */
    public enum Method {
        FULL, LORA, QLORA;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FineTuningSpec {
        targets = Set.copyOf(targets);
        if (method != Method.FULL) {
            if (rank < 1) {
                throw new IllegalArgumentException("adapter rank must be >= 1");
            }
            if (targets.isEmpty() || !PROJECTIONS.containsAll(targets)) {
                throw new IllegalArgumentException("adapter targets must be a non-empty subset of " + PROJECTIONS);
            }
        }
    }

    /** Full fine-tuning: every weight trains, as in pre-training. */
    public static FineTuningSpec full() {
        return new FineTuningSpec(Method.FULL, 0, Set.of());
    }

    public boolean frozenBase() {
        return method != Method.FULL;
    }

    /** Bits per base weight held in memory: 4 for QLoRA (NF4 plus its block scales counted apart), else 16. */
    public int baseBits() {
        return method == Method.QLORA ? 4 : 16;
    }
}
