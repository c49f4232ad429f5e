package dev.fleetsim.engine.serving;

/**
 * One request's runtime state while it is in the system: lengths, progress, KV blocks, and its
 * place in the replica's running structures. Created by a {@link RequestSource}, dropped when it
 * finishes (its record goes to the metrics), so memory follows the requests in flight, not the
 * requests served.
 */
final class Request {
    final long id;
    final long arrivalNs;
    /** Prompt tokens, the shared prefix included. */
    final int prompt;
    /** Tokens to generate, the first included (at least 1). */
    final int output;
    /** Shared-prefix group, or -1. */
    final int prefixGroup;
    final int prefixTokens;

    /** Tokens whose KV is in the cache or computed (prompt, then prompt plus tokens generated before a recompute). */
    int prefilled;
    /** Tokens to prefill in the current run: {@link #prompt}, or prompt plus generated tokens after a recompute. */
    int prefillTarget;
    int generated;
    long firstTokenNs = -1;
    /** When the request was first scheduled on a replica (its queueing time ends), -1 before. */
    long scheduledNs = -1;
    /** When it last produced a token before a preemption stalled it (for the inter-token gap), -1 if not stalled. */
    long stalledSinceNs = -1;
    int preemptions;
    /** Prompt tokens served from a cached prefix (at its last admission). */
    int cachedTokens;
    /** Blocks at the front of its KV that belong to a shared prefix entry. */
    int sharedBlocks;
    /** Its KV is on the host (swapped out) or arrived from a prefill replica: admission needs blocks, not compute. */
    boolean kvReady;
    boolean swapped;
    /** Whether the prefix entry of this replica is pinned by it. */
    boolean pinsPrefix;

    // ---- decode-set bookkeeping: KV tokens after iteration j are base + j ----
    boolean decoding;
    long base;
    long finishIter;
    int epoch;

    // ---- the replica's running list in admission order (victims are taken from the tail) ----
    Request prev;
    Request next;
    boolean running;
    /** Replica it is routed to, -1 while at the service. */
    int replica = -1;
    /** The replica's lane (scheduler) it is in there ({@link Lane}). */
    int lane;
    /** This iteration's prefill chunk. */
    int chunk;

    Request(long id, long arrivalNs, int prompt, int output, int prefixGroup, int prefixTokens) {
        this.id = id;
        this.arrivalNs = arrivalNs;
        this.prompt = prompt;
        this.output = output;
        this.prefixGroup = prefixGroup;
        this.prefixTokens = prefixTokens;
        this.prefillTarget = prompt;
    }

    /** KV tokens after {@code iter} iterations of its replica (while decoding), else what it has prefilled. */
    long kvTokens(long iter) {
        return decoding ? base + iter : prefilled;
    }

    /** Back to the start of its prefill (a recompute): everything generated so far is prefilled again. */
    void resetForRecompute() {
        prefilled = 0;
        prefillTarget = prompt + generated;
        sharedBlocks = 0;
        cachedTokens = 0;
        kvReady = false;
        swapped = false;
        decoding = false;
        chunk = 0;
    }
}
