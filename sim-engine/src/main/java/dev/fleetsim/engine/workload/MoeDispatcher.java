package dev.fleetsim.engine.workload;

import java.util.Locale;

/**
 * How MoE tokens reach their experts: {@code ALLTOALL} sends one copy per (token, expert) with an
 * NCCL all-to-all (Megatron's alltoall dispatcher); {@code HIERARCHICAL} sends one copy per
 * (token, destination node) over the network and fans out over NVLink inside the node
 * (DeepEP, Megatron's flex dispatcher with the DeepEP or HybridEP backend), so a token routed to
 * several experts on one node crosses the network once.
 */
public enum MoeDispatcher {
    ALLTOALL, HIERARCHICAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
