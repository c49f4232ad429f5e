package dev.fleetsim.engine.serving;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared-prefix blocks one replica keeps (automatic prefix caching): one entry per prefix
 * group, pinned while requests use it, kept when idle and evicted least recently used first when
 * an allocation needs the blocks. Idle entries count as free space that costs an eviction.
 */
final class PrefixCache {
    private static final class Entry {
        final int blocks;
        int refs;

        Entry(int blocks) {
            this.blocks = blocks;
        }
    }

    /** Access order: the eldest entry is the least recently used. */
    private final LinkedHashMap<Integer, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long idleBlocks;
    private long evictions;

    boolean has(int group) {
        return entries.containsKey(group);
    }

    /** Blocks of idle entries: free for an allocation that evicts them. */
    long idleBlocks() {
        return idleBlocks;
    }

    long evictions() {
        return evictions;
    }

    /** A request starts using the cached prefix; returns its blocks. */
    int pin(int group) {
        Entry e = entries.get(group);
        if (e.refs++ == 0) {
            idleBlocks -= e.blocks;
        }
        return e.blocks;
    }

    void unpin(int group) {
        Entry e = entries.get(group);
        if (e != null && --e.refs == 0) {
            idleBlocks += e.blocks;
        }
    }

    /** A request computed the prefix's {@code blocks}: they become the entry, pinned by it. */
    void insert(int group, int blocks) {
        Entry e = new Entry(blocks);
        e.refs = 1;
        entries.put(group, e);
    }

    /** Evicts idle entries, least recently used first, until {@code need} blocks are freed or none is left; returns the blocks freed. */
    long evict(long need) {
        long freed = 0;
        Iterator<Map.Entry<Integer, Entry>> it = entries.entrySet().iterator();
        while (freed < need && it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.refs == 0) {
                freed += e.blocks;
                idleBlocks -= e.blocks;
                evictions++;
                it.remove();
            }
        }
        return freed;
    }

    void clear() {
        entries.clear();
        idleBlocks = 0;
    }
}
