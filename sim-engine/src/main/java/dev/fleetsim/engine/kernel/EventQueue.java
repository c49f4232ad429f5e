package dev.fleetsim.engine.kernel;

import java.util.Arrays;

/**
 * A 4-ary min-heap of events ordered by (time, insertion sequence), keys in primitive arrays
 * beside the handles so sifting compares longs without chasing pointers.
 *
 * <p>Cancelling marks the handle and leaves it in the heap; {@link #poll} and {@link #peek} drop
 * marked handles when they reach the top, and when marked handles outnumber live ones the heap
 * is rebuilt without them (O(n), so O(1) amortised per cancel). The heap so never holds more
 * than twice the live events, however many rate changes move completions, and no move writes a
 * slot back into a handle. The order events fire in does not depend on the heap's shape: (time,
 * sequence) is a total order, so compaction cannot change a run.
 *
 * <p>{@link #poll} uses Floyd's bottom-up removal: the hole left by the root walks down to a leaf
 * along the smaller children (one comparison chain per level instead of two), and the last
 * element, which belongs near the bottom, sifts up from there.
 */
public final class EventQueue {
    private static final int MIN_COMPACT = 64;

    private EventHandle[] handles = new EventHandle[64];
    private long[] times = new long[64];
    private long[] sequences = new long[64];
    private int size;
    private int cancelled;

    /** Live (not cancelled) events. */
    public int size() {
        return size - cancelled;
    }

    public boolean isEmpty() {
        return size == cancelled;
    }

    public void add(EventHandle h) {
        if (size == handles.length) {
            int n = size * 2;
            handles = Arrays.copyOf(handles, n);
            times = Arrays.copyOf(times, n);
            sequences = Arrays.copyOf(sequences, n);
        }
        h.state = EventHandle.QUEUED;
        siftUp(size++, h.timeNs, h.sequence, h);
    }

    /** The next live event, or null. */
    public EventHandle peek() {
        dropCancelledTop();
        return size == 0 ? null : handles[0];
    }

    /** Removes and returns the next live event (marked as no longer queued), or null. */
    public EventHandle poll() {
        dropCancelledTop();
        if (size == 0) {
            return null;
        }
        EventHandle top = handles[0];
        removeTop();
        top.state = EventHandle.DONE;
        return top;
    }

    /** Cancels {@code h} if it is still queued; returns whether it was. */
    public boolean remove(EventHandle h) {
        if (h.state != EventHandle.QUEUED) {
            return false;
        }
        h.state = EventHandle.DONE;
        cancelled++;
        if (cancelled > size - cancelled && size >= MIN_COMPACT) {
            compact();
        }
        return true;
    }

    private void dropCancelledTop() {
        while (size > 0 && handles[0].state != EventHandle.QUEUED) {
            removeTop();
            cancelled--;
        }
    }

    private void removeTop() {
        int last = --size;
        if (last == 0) {
            handles[0] = null;
            return;
        }
        EventHandle moved = handles[last];
        long mt = times[last];
        long ms = sequences[last];
        handles[last] = null;
        // Floyd: move the smallest child up into the hole down to the leaves, then sift the last element up.
        int hole = 0;
        while (true) {
            int first = 4 * hole + 1;
            if (first >= last) {
                break;
            }
            int best = smallestChild(first, Math.min(first + 4, last));
            handles[hole] = handles[best];
            times[hole] = times[best];
            sequences[hole] = sequences[best];
            hole = best;
        }
        siftUp(hole, mt, ms, moved);
    }

    private void siftUp(int i, long t, long s, EventHandle h) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (pt < t || (pt == t && sequences[parent] < s)) {
                break;
            }
            handles[i] = handles[parent];
            times[i] = pt;
            sequences[i] = sequences[parent];
            i = parent;
        }
        handles[i] = h;
        times[i] = t;
        sequences[i] = s;
    }

    /** Drops every cancelled handle and rebuilds the heap bottom-up. */
    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            EventHandle h = handles[i];
            if (h.state == EventHandle.QUEUED) {
                handles[n] = h;
                times[n] = times[i];
                sequences[n] = sequences[i];
                n++;
            }
        }
        Arrays.fill(handles, n, size, null);
        size = n;
        cancelled = 0;
        for (int i = (n - 2) >>> 2; n > 1 && i >= 0; i--) {
            siftDown(i);
        }
    }

    private void siftDown(int i) {
        EventHandle h = handles[i];
        long t = times[i];
        long s = sequences[i];
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = smallestChild(first, Math.min(first + 4, size));
            long bt = times[best];
            if (t < bt || (t == bt && s < sequences[best])) {
                break;
            }
            handles[i] = handles[best];
            times[i] = bt;
            sequences[i] = sequences[best];
            i = best;
        }
        handles[i] = h;
        times[i] = t;
        sequences[i] = s;
    }

    /** The slot of the smallest key among {@code first} (inclusive) to {@code end} (exclusive). */
    private int smallestChild(int first, int end) {
        int best = first;
        long bt = times[first];
        long bs = sequences[first];
        for (int c = first + 1; c < end; c++) {
            long ct = times[c];
            if (ct < bt || (ct == bt && sequences[c] < bs)) {
                best = c;
                bt = ct;
                bs = sequences[c];
            }
        }
        return best;
    }
}
