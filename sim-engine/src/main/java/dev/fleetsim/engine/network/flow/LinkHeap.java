package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/**
 * A binary min-heap of (fair share, link) pairs with lazy deletion, for progressive filling.
 * Ties order by link id so the filling order is deterministic. Stale entries (a link whose
 * share has moved since it was pushed) are recognised by the caller and skipped; that is sound
 * because a link's share only grows while the water level rises.
 */
final class LinkHeap {

    private double[] keys = new double[64];
    private int[] links = new int[64];
    private int size;

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double topKey() {
        return keys[0];
    }

    int topLink() {
        return links[0];
    }

    void push(double key, int link) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            links = Arrays.copyOf(links, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, link, keys[parent], links[parent])) {
                break;
            }
            keys[i] = keys[parent];
            links[i] = links[parent];
            i = parent;
        }
        keys[i] = key;
        links[i] = link;
    }

    void pop() {
        double key = keys[--size];
        int link = links[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(keys[child + 1], links[child + 1], keys[child], links[child])) {
                child++;
            }
            if (!less(keys[child], links[child], key, link)) {
                break;
            }
            keys[i] = keys[child];
            links[i] = links[child];
            i = child;
        }
        keys[i] = key;
        links[i] = link;
    }

    private static boolean less(double ka, int la, double kb, int lb) {
        return ka < kb || (ka == kb && la < lb);
    }
}
