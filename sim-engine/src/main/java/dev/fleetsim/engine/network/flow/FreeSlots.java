package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * The free flow slots of a {@link FlowTable}, taken lowest first: a bit per slot and a bit per
 * word of those bits that has one set, so taking the lowest reads two words where a binary heap
 * of the free slots walked its height in cache misses at every removal. The order is the heap's:
 * always the lowest free slot.
 */
final class FreeSlots {

    private long[] words = new long[1];
    private long[] summary = new long[1];
    /** No summary word below this one has a bit set. */
    private int lowSummary;
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    void push(int slot) {
        int w = slot >>> 6;
        int s = w >>> 6;
        if (w >= words.length) {
            words = Arrays.copyOf(words, Math.max(w + 1, 2 * words.length));
        }
        if (s >= summary.length) {
            summary = Arrays.copyOf(summary, Math.max(s + 1, 2 * summary.length));
        }
        words[w] |= 1L << slot;
        summary[s] |= 1L << w;
        lowSummary = Math.min(lowSummary, s);
        count++;
    }

    /** The lowest free slot, no longer free; the set must not be empty. */
    int poll() {
        int s = lowSummary;
        while (summary[s] == 0) {
            s++;
        }
        lowSummary = s;
        int w = (s << 6) + Long.numberOfTrailingZeros(summary[s]);
        long bits = words[w];
        int slot = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        words[w] = bits;
        if (bits == 0) {
            summary[s] &= ~(1L << w);
        }
        count--;
        return slot;
    }
}
