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
}
