package dev.fleetsim.engine.kernel;

import java.util.Arrays;

/**
 * Binary min-heap of events ordered by (time, insertion sequence). Each handle knows its slot,
 * so removal of an arbitrary event (a cancelled completion) is O(log n) instead of a lazy
 * tombstone that would let the heap grow with every rate change.
 */
public final class EventQueue {
    private EventHandle[] heap = new EventHandle[64];
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void add(EventHandle h) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = h;
        h.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    public EventHandle peek() {
        return size == 0 ? null : heap[0];
    }

    public EventHandle poll() {
        if (size == 0) {
            return null;
        }
        EventHandle top = heap[0];
        removeAt(0);
        return top;
    }

    /** Removes {@code h} if it is still queued; returns whether it was. */
    public boolean remove(EventHandle h) {
        int i = h.heapIndex;
        if (i < 0 || i >= size || heap[i] != h) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        EventHandle removed = heap[i];
        size--;
        if (i != size) {
            EventHandle last = heap[size];
            heap[i] = last;
            last.heapIndex = i;
            heap[size] = null;
            siftDown(i);
            if (heap[i] == last) {
                siftUp(i);
            }
        } else {
            heap[size] = null;
        }
        removed.heapIndex = -1;
    }

    private void siftUp(int i) {
        EventHandle h = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            EventHandle p = heap[parent];
            if (!h.before(p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = h;
        h.heapIndex = i;
    }

    private void siftDown(int i) {
        EventHandle h = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            EventHandle c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(h)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = h;
        h.heapIndex = i;
    }
}
