package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.RouterKind;

import java.util.List;

/**
 * Picks the replica a request goes to among those taking requests ({@link RouterKind}). Sees only
 * what a real router sees: each replica's outstanding requests and, for prefix-aware routing,
 * which prefixes it has cached.
 */
final class Router {
    static final int BALANCE_ABS = 32;
    private final RouterKind kind;
    private long turn;

    Router(RouterKind kind) {
        this.kind = kind;
    }

    /** The replica for {@code r}, or null when {@code replicas} is empty. */
    ReplicaEngine route(Request r, List<ReplicaEngine> replicas) {
        if (replicas.isEmpty()) {
            return null;
        }
        switch (kind) {
            case ROUND_ROBIN:
                return replicas.get((int) (turn++ % replicas.size()));
            case PREFIX_AWARE:
                ReplicaEngine least = leastOutstanding(replicas, -1);
                ReplicaEngine cached = leastOutstanding(replicas, r.prefixGroup);
                // SGLang's cache-aware router falls back to the shortest queue when load is too
                // uneven: more than 32 requests apart (its balance_abs_threshold).
                return cached != null && cached.outstanding - least.outstanding <= BALANCE_ABS ? cached : least;
            default:
                return leastOutstanding(replicas, -1);
        }
    }

    /** The replica with the fewest outstanding requests (first on ties), among those holding {@code group} if it is >= 0. */
    static ReplicaEngine leastOutstanding(List<ReplicaEngine> replicas, int group) {
        ReplicaEngine best = null;
        for (ReplicaEngine e : replicas) {
            if (group >= 0 && !e.hasPrefix(group)) {
                continue;
            }
            if (best == null || e.outstanding < best.outstanding) {
                best = e;
            }
        }
        return best;
    }
}
