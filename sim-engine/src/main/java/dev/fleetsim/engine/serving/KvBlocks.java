package dev.fleetsim.engine.serving;

/**
 * A replica's KV cache as paged blocks: the free ones, the ones idle cached prefixes hold (free to
 * an allocation that evicts them), and the arithmetic of tokens to blocks.
 */
final class KvBlocks {
    final int blockTokens;
    final long total;
    final PrefixCache prefixes = new PrefixCache();
    private long free;

    KvBlocks(long total, int blockTokens) {
        this.total = total;
        this.free = total;
        this.blockTokens = blockTokens;
    }

    /** Blocks an allocation can have: free ones and those of idle cached prefixes. */
    long available() {
        return free + prefixes.idleBlocks();
    }

    /** Blocks held by running requests and pinned prefixes. */
    long used() {
        return total - free - prefixes.idleBlocks();
    }

    /** Allocates {@code blocks} (at most {@link #available()}), evicting idle prefixes when the free ones are short. */
    void take(long blocks) {
        if (blocks > free) {
            free += prefixes.evict(blocks - free);
        }
        free -= blocks;
    }

    void give(long blocks) {
        free += blocks;
    }

    long ceil(long tokens) {
        return (tokens + blockTokens - 1) / blockTokens;
    }

    /** Everything back: the replica stopped. */
    void reset() {
        prefixes.clear();
        free = total;
    }

    /** Prompt tokens of {@code r} a cached prefix covers: whole blocks, at least one token left to compute. */
    int prefixHit(Request r) {
        if (r.prefixGroup < 0 || !prefixes.has(r.prefixGroup)) {
            return 0;
        }
        int hit = Math.min(r.prefixTokens, r.prefillTarget - 1);
        return hit / blockTokens * blockTokens;
    }

    /** {@code r} starts from the cached prefix's {@code hit} tokens, sharing its blocks. */
    void usePrefix(Request r, int hit) {
        prefixes.pin(r.prefixGroup);
        r.pinsPrefix = true;
        r.prefilled = hit;
        r.cachedTokens = hit;
        r.sharedBlocks = hit / blockTokens;
    }

    /** The first request to compute a shared prefix leaves its blocks to the prefix cache. */
    void cachePrefix(Request r) {
        if (r.prefixGroup < 0 || r.pinsPrefix || r.sharedBlocks > 0) {
            return;
        }
        int blocks = r.prefixTokens / blockTokens;
        if (blocks > 0 && r.prefilled >= blocks * blockTokens && !prefixes.has(r.prefixGroup)) {
            prefixes.insert(r.prefixGroup, blocks);
            r.pinsPrefix = true;
            r.sharedBlocks = blocks;
        }
    }
}
