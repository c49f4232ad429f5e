package dev.fleetsim.engine.serving;

/** What a deployment hears from one of its replicas' engines. */
interface ReplicaListener {
    void firstToken(ReplicaEngine replica, Request r, long nowNs);

    void finished(ReplicaEngine replica, Request r, long nowNs);

    /** A prefill replica's request has its first token; its KV cache leaves for a decode replica. */
    void prefilled(ReplicaEngine replica, Request r, long nowNs);

    /** The replica holds no requests any more (for a replica being drained). */
    void idle(ReplicaEngine replica, long nowNs);
}
