package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * A binary min-heap of (fair share, id) pairs holding each id at most once, its key moved in place
 * ({@link #set}), for {@link IsolatedMaxMin}'s progressive filling. Ties order by id, as in
 * {@link LinkHeap}: the order of (key, id) pairs is total, so the heap pops the same sequence as a
 * lazy heap that pushes every new key and skips the stale ones, without holding or popping them.
 */
final class IndexedLinkHeap {

    private double[] keys = new double[64];
    private int[] ids = new int[64];
    /** Per id, its position in the heap, or -1. */
    private int[] pos = unplaced(64);
    private int size;

    /** Empties the heap for ids {@code 0..idCount)}. */
    void clear(int idCount) {
        for (int i = 0; i < size; i++) {
            pos[ids[i]] = -1;
        }
        size = 0;
        if (pos.length < idCount) {
            pos = unplaced(Math.max(idCount, 2 * pos.length));
        }
    }

    private static int[] unplaced(int n) {
        int[] p = new int[n];
        Arrays.fill(p, -1);
        return p;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double topKey() {
        return keys[0];
    }

    int topId() {
        return ids[0];
    }

    /** Puts {@code id} in the heap with {@code key}, or moves it there if it is in already. */
    void set(double key, int id) {
        int i = pos[id];
        if (i < 0) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
            siftUp(size++, key, id);
            return;
        }
        if (less(key, id, keys[i], id)) {
            siftUp(i, key, id);
        } else {
            siftDown(i, key, id);
        }
    }

    /** Removes the smallest pair. */
    void pop() {
        pos[ids[0]] = -1;
        if (--size > 0) {
            siftDown(0, keys[size], ids[size]);
        }
    }

    private void siftUp(int i, double key, int id) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, id, keys[parent], ids[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(i, key, id);
    }

    private void siftDown(int i, double key, int id) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(keys[child + 1], ids[child + 1], keys[child], ids[child])) {
                child++;
            }
            if (!less(keys[child], ids[child], key, id)) {
                break;
            }
            move(child, i);
            i = child;
        }
        place(i, key, id);
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        ids[to] = ids[from];
        pos[ids[to]] = to;
    }

    private void place(int i, double key, int id) {
        keys[i] = key;
        ids[i] = id;
        pos[id] = i;
    }

    private static boolean less(double ka, int la, double kb, int lb) {
        return ka < kb || (ka == kb && la < lb);
    }
}
