package dev.fleetsim.engine.network.flow;

import org.junit.jupiter.api.Test;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreeSlotsTest {

    /** Random frees and reuses, slots up to 300,000 (several summary words): always the lowest free slot, as a min-heap gives. */
    @Test
    void takesTheLowestFreeSlotLikeAMinHeap() {
        SplittableRandom rnd = new SplittableRandom(7);
        FreeSlots slots = new FreeSlots();
        PriorityQueue<Integer> heap = new PriorityQueue<>();
        boolean[] free = new boolean[300_000];
        for (int step = 0; step < 200_000; step++) {
            if (heap.isEmpty() || rnd.nextInt(3) != 0) {
                int s = step % 5 == 0 ? rnd.nextInt(free.length) : rnd.nextInt(200);
                if (!free[s]) {
                    free[s] = true;
                    slots.push(s);
                    heap.add(s);
                }
            } else {
                int s = slots.poll();
                assertEquals(heap.poll(), s, "step " + step);
                free[s] = false;
            }
            assertEquals(heap.isEmpty(), slots.isEmpty());
        }
        while (!heap.isEmpty()) {
            assertEquals(heap.poll(), slots.poll());
        }
        assertTrue(slots.isEmpty());
    }
}
