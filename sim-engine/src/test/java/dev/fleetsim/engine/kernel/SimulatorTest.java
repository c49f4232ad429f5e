package dev.fleetsim.engine.kernel;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {

    @Test
    void eventsAtTheSameTimeRunInInsertionOrder() {
        Simulator sim = new Simulator();
        List<String> seen = new ArrayList<>();
        sim.schedule(10, s -> seen.add("b1"));
        sim.schedule(5, s -> seen.add("a"));
        sim.schedule(10, s -> seen.add("b2"));
        sim.schedule(10, s -> s.schedule(10, x -> seen.add("b4 scheduled by b3")));
        sim.run(Long.MAX_VALUE);
        assertEquals(List.of("a", "b1", "b2", "b4 scheduled by b3"), seen);
    }

    @Test
    void clockEqualsEventTimeInsideHandlerAndNeverRunsAheadOfTheEvent() {
        Simulator sim = new Simulator();
        List<Long> clocks = new ArrayList<>();
        sim.schedule(7, s -> clocks.add(s.nowNs()));
        sim.schedule(3, s -> clocks.add(s.nowNs()));
        // run(until) must stop before the event at 7 and only then move the clock to 5
        sim.run(5);
        assertEquals(List.of(3L), clocks);
        assertEquals(5, sim.nowNs());
        sim.run(100);
        assertEquals(List.of(3L, 7L), clocks);
    }

    @Test
    void schedulingInThePastIsRejected() {
        Simulator sim = new Simulator();
        sim.schedule(100, s -> assertThrows(IllegalArgumentException.class, () -> s.schedule(99, x -> { })));
        sim.run(Long.MAX_VALUE);
        assertEquals(1, sim.eventsFired());
    }

    @Test
    void cancelledEventDoesNotFire() {
        Simulator sim = new Simulator();
        List<String> seen = new ArrayList<>();
        EventHandle h = sim.schedule(5, s -> seen.add("cancelled"));
        sim.schedule(1, s -> assertTrue(s.cancel(h)));
        sim.schedule(6, s -> seen.add("kept"));
        sim.run(Long.MAX_VALUE);
        assertEquals(List.of("kept"), seen);
        assertFalse(h.isPending());
        assertFalse(sim.cancel(h));
    }

    @Test
    void runStopsBetweenEventsWhenCancelled() {
        Simulator sim = new Simulator();
        for (int i = 0; i < 10_000; i++) {
            sim.schedule(i, s -> { });
        }
        boolean completed = sim.run(Long.MAX_VALUE, () -> true, () -> { });
        assertFalse(completed);
        assertEquals(4096, sim.eventsFired());
    }

    /** Random schedules and cancels against a sorted reference: same order, time monotonic. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void matchesSortedReference(long seed) {
        UniformRandomProvider rng = new RandomStreams(seed).stream("test");
        Simulator sim = new Simulator();
        record Expected(long time, long order) { }
        List<Expected> expected = new ArrayList<>();
        List<Long> fired = new ArrayList<>();
        List<EventHandle> handles = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long t = rng.nextInt(500);
            long order = i;
            handles.add(sim.schedule(t, s -> fired.add(order)));
            expected.add(new Expected(t, order));
        }
        for (int i = 0; i < 500; i++) {
            int victim = rng.nextInt(handles.size());
            if (sim.cancel(handles.get(victim))) {
                long order = victim;
                expected.removeIf(e -> e.order() == order);
            }
        }
        long[] last = {-1};
        sim.schedule(0, new Event() {
            @Override
            public void fire(Simulator s) {
                assertTrue(s.nowNs() >= last[0]);
                last[0] = s.nowNs();
                if (s.pendingEvents() > 0) {
                    s.schedule(s.nextEventTimeNs(), this);
                }
            }
        });
        sim.run(Long.MAX_VALUE);
        expected.sort(Comparator.comparingLong(Expected::time).thenComparingLong(Expected::order));
        assertEquals(expected.stream().map(Expected::order).toList(), fired);
    }

    /**
     * Cancels and reschedules while running, most of them (so the queue compacts its cancelled
     * handles many times), against a sorted-set reference driven by the same decisions: same
     * firing order, same pending counts, same answers from cancel.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void cancelsWhileRunningMatchASortedSet(long seed) {
        new CancelDriver(seed).check();
    }

    /** Cancelling most pending events (the queue rebuilds itself without them) keeps the rest in order. */
    @Test
    void massCancelKeepsTheRestInOrder() {
        UniformRandomProvider rng = new RandomStreams(9).stream("test");
        Simulator sim = new Simulator();
        List<Long> fired = new ArrayList<>();
        List<EventHandle> handles = new ArrayList<>();
        List<long[]> kept = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long t = rng.nextInt(1_000);
            long order = i;
            handles.add(sim.schedule(t, s -> fired.add(order)));
            kept.add(new long[] {t, order});
        }
        for (int i = 0; i < 5_000; i++) {
            if (i % 10 != 3) {
                assertTrue(sim.cancel(handles.get(i)));
                assertFalse(sim.cancel(handles.get(i)));
            }
        }
        assertEquals(500, sim.pendingEvents());
        kept.removeIf(k -> k[1] % 10 != 3);
        kept.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        assertEquals(kept.get(0)[0], sim.nextEventTimeNs());
        sim.run(Long.MAX_VALUE);
        assertEquals(kept.stream().map(k -> k[1]).toList(), fired);
    }

    private static final class CancelDriver {
        private final UniformRandomProvider rng;
        private final Simulator sim = new Simulator();
        private final java.util.TreeSet<long[]> reference = new java.util.TreeSet<>(
                Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        private final List<EventHandle> handles = new ArrayList<>();
        private final List<long[]> keys = new ArrayList<>();
        private int firedCount;

        CancelDriver(long seed) {
            rng = new RandomStreams(seed).stream("test");
        }

        void check() {
            for (int i = 0; i < 500; i++) {
                scheduleOne();
            }
            sim.run(Long.MAX_VALUE);
            assertTrue(reference.isEmpty());
            assertEquals(0, sim.pendingEvents());
            assertTrue(firedCount > 10_000, "fired " + firedCount);
        }

        private void scheduleOne() {
            long t = sim.nowNs() + rng.nextInt(50);
            int id = handles.size();
            handles.add(sim.schedule(t, s -> fired(id)));
            long[] key = {t, keys.size(), id};
            keys.add(key);
            reference.add(key);
        }

        private void fired(int id) {
            firedCount++;
            long[] expected = reference.pollFirst();
            assertEquals(expected[2], id, "event fired out of (time, sequence) order");
            assertEquals(expected[0], sim.nowNs());
            assertFalse(handles.get(id).isPending());
            assertFalse(sim.cancel(handles.get(id)), "a fired event cannot be cancelled");
            if (handles.size() < 20_000) {
                scheduleOne();
                for (int c = rng.nextInt(4); c > 0; c--) {
                    int victim = handles.size() - 1 - rng.nextInt(Math.min(200, handles.size()));
                    boolean inReference = reference.remove(keys.get(victim));
                    assertEquals(inReference, handles.get(victim).isPending());
                    assertEquals(inReference, sim.cancel(handles.get(victim)));
                    assertFalse(handles.get(victim).isPending());
                    if (inReference && rng.nextInt(4) != 0) {
                        scheduleOne();
                    }
                }
                if (rng.nextInt(3) == 0) {
                    scheduleOne();
                }
            }
            assertEquals(reference.size(), sim.pendingEvents());
            assertEquals(reference.isEmpty() ? Long.MAX_VALUE : reference.first()[0], sim.nextEventTimeNs());
        }
    }
}
