package dev.fleetsim.engine.network.collective;

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
}
