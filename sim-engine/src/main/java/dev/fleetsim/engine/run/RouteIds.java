package dev.fleetsim.engine.run;

import java.util.Arrays;

/**
 * Numbers a job's distinct flow paths (by content) 0, 1, 2, ... in the order they are first seen:
 * the connections of {@link NetworkCoupling}'s bursts (flows on one route are one connection).
 * Open addressing over the paths' hashes, reused from job to job: no key object or boxed id per
 * flow. Not thread-safe.
 */
final class RouteIds {
    private int[] slots = new int[64];
    private int[] hashes = new int[64];
    private int[][] paths = new int[32][];
    private int size;

    /** Forgets every path: the next job's numbering starts at 0. */
    void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0);
            Arrays.fill(paths, 0, size, null);
            size = 0;
        }
    }

    /** The number of {@code path} (a new one if no equal path was seen since {@link #clear}). */
    int idOf(int[] path) {
        int h = Arrays.hashCode(path);
        int mask = slots.length - 1;
        int at = mix(h) & mask;
        while (slots[at] != 0) {
            int id = slots[at] - 1;
            if (hashes[id] == h && Arrays.equals(paths[id], path)) {
                return id;
            }
            at = (at + 1) & mask;
        }
        int id = size++;
        if (id == paths.length) {
            paths = Arrays.copyOf(paths, 2 * id);
            hashes = Arrays.copyOf(hashes, 2 * id);
        }
        paths[id] = path;
        hashes[id] = h;
        slots[at] = id + 1;
        if (2 * size > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = new int[2 * slots.length];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int at = mix(hashes[id]) & mask;
            while (slots[at] != 0) {
                at = (at + 1) & mask;
            }
            slots[at] = id + 1;
        }
    }

    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
