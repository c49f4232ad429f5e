package dev.fleetsim.engine.network.flow;

import java.util.Arrays;

/** A growable list of ints without boxing, for the hot paths of the flow solver. */
final class IntList {

    int[] items = new int[16];
    int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
