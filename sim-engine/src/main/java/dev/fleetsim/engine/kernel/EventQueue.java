package dev.fleetsim.engine.kernel;

import java.util.Arrays;

/**
 * A 4-ary min-heap of events ordered by (time, insertion sequence). Keys live in primitive
 * arrays beside the handles, so sifting compares longs without chasing pointers, and the
 * shallower 4-ary tree halves the levels a sift walks. Each handle knows its slot, so removing
 * a cancelled event is O(log n) rather than a tombstone that would let the heap grow with every
 * rate change.
 */
public final class EventQueue {
    private EventHandle[] handles = new EventHandle[64];
    private long[] times = new long[64];
    private long[] sequences = new long[64];
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void add(EventHandle h) {
        if (size == handles.length) {
            int n = size * 2;
            handles = Arrays.copyOf(handles, n);
            times = Arrays.copyOf(times, n);
            sequences = Arrays.copyOf(sequences, n);
        }
        siftUp(size++, h);
    }

    public EventHandle peek() {
        return size == 0 ? null : handles[0];
    }

    public EventHandle poll() {
        if (size == 0) {
            return null;
        }
        EventHandle top = handles[0];
        removeAt(0);
        return top;
    }

    /** Removes {@code h} if it is still queued; returns whether it was. */
    public boolean remove(EventHandle h) {
        int i = h.heapIndex;
        if (i < 0 || i >= size || handles[i] != h) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        EventHandle removed = handles[i];
        int last = --size;
        if (i != last) {
            EventHandle moved = handles[last];
            handles[last] = null;
            siftDown(i, moved);
            if (handles[i] == moved) {
                siftUp(i, moved);
            }
        } else {
            handles[last] = null;
        }
        removed.heapIndex = -1;
    }

    private void place(int i, EventHandle h) {
        handles[i] = h;
        times[i] = h.timeNs;
        sequences[i] = h.sequence;
        h.heapIndex = i;
    }

    private void siftUp(int i, EventHandle h) {
        long t = h.timeNs;
        long s = h.sequence;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (pt < t || (pt == t && sequences[parent] < s)) {
                break;
            }
            place(i, handles[parent]);
            i = parent;
        }
        place(i, h);
    }

    private void siftDown(int i, EventHandle h) {
        long t = h.timeNs;
        long s = h.sequence;
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            long bt = times[first];
            long bs = sequences[first];
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && sequences[c] < bs)) {
                    best = c;
                    bt = ct;
                    bs = sequences[c];
                }
            }
            if (t < bt || (t == bt && s < bs)) {
                break;
            }
            place(i, handles[best]);
            i = best;
        }
        place(i, h);
    }
}
