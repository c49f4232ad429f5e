package dev.fleetsim.engine.network.collective;

import java.util.ArrayList;
import java.util.List;

/**
 * A collective decomposed into flows on a placement: phases that run one after another.
 *
 * @param algorithm name of the decomposition ({@code ring}, {@code tree}, {@code nvls},
 *        {@code hierarchical}, {@code pairwise}, {@code p2p})
 * @param kind the operation
 * @param bytes the size as nccl-tests counts it (the full buffer)
 * @param ranks group size
 * @param phases the phases in order
 */
public record CollectivePlan(String algorithm, CollectiveKind kind, long bytes, int ranks,
                             List<CollectivePhase> phases) {
    public CollectivePlan {
        phases = List.copyOf(phases);
    }

    /**
     * The plans of one collective on several groups run at the same time, as one plan: phase i
     * holds the flows of every plan's phase i, so they share links while they run, and pays the
     * largest step count and alpha among them (the collective is done when its slowest group
     * is). Plans with fewer phases simply stop contributing.
     */
    public static CollectivePlan concurrent(List<CollectivePlan> plans) {
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("no plans");
        }
        if (plans.size() == 1) {
            return plans.get(0);
        }
        CollectivePlan first = plans.get(0);
        String algorithm = first.algorithm();
        int phases = 0;
        for (CollectivePlan p : plans) {
            if (p.kind() != first.kind()) {
                throw new IllegalArgumentException("concurrent plans of different kinds: " + first.kind() + ", " + p.kind());
            }
            if (!p.algorithm().equals(algorithm)) {
                algorithm = "mixed";
            }
            phases = Math.max(phases, p.phases().size());
        }
        List<CollectivePhase> merged = new ArrayList<>(phases);
        for (int ph = 0; ph < phases; ph++) {
            List<CollectivePhase> parts = new ArrayList<>(plans.size());
            for (CollectivePlan p : plans) {
                if (ph < p.phases().size()) {
                    parts.add(p.phases().get(ph));
                }
            }
            merged.add(CollectivePhase.concurrent(parts));
        }
        return new CollectivePlan(algorithm, first.kind(), first.bytes(), first.ranks(), merged);
    }
}
