package dev.fleetsim.engine.kernel;

import java.util.function.BooleanSupplier;

/**
 * The single-threaded discrete-event dispatcher. Time is {@code long} nanoseconds; events run
 * in (time, insertion sequence) order; the clock equals an event's time while it runs and
 * never moves backwards, so scheduling in the past is rejected.
 */
public final class Simulator {

    /** How many events run between checks of the cancel flag and progress callbacks. */
    private static final int CHECK_EVERY_EVENTS = 4096;

    private final EventQueue queue = new EventQueue();
    private long nowNs;
    private long sequence;
    private long eventsFired;

    public long nowNs() {
        return nowNs;
    }

    public long eventsFired() {
        return eventsFired;
    }

    public int pendingEvents() {
        return queue.size();
    }

    /** Schedules {@code event} at absolute time {@code timeNs} (≥ now). */
    public EventHandle schedule(long timeNs, Event event) {
        if (timeNs < nowNs) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeNs + " ns < now " + nowNs + " ns");
        }
        EventHandle h = new EventHandle(timeNs, sequence++, event);
        queue.add(h);
        return h;
    }

    /** Schedules {@code event} {@code delayNs} from now. */
    public EventHandle scheduleIn(long delayNs, Event event) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNs + " ns");
        }
        return schedule(Math.addExact(nowNs, delayNs), event);
    }

    /** Cancels a pending event; a fired or already cancelled one is left alone. */
    public boolean cancel(EventHandle handle) {
        return handle != null && queue.remove(handle);
    }

    /** Time of the next pending event, or {@code Long.MAX_VALUE} when none is pending. */
    public long nextEventTimeNs() {
        EventHandle h = queue.peek();
        return h == null ? Long.MAX_VALUE : h.timeNs;
    }

    /** Runs the next event; returns false when there was none. */
    public boolean step() {
        EventHandle h = queue.poll();
        if (h == null) {
            return false;
        }
        nowNs = h.timeNs;
        eventsFired++;
        h.event.fire(this);
        return true;
    }

    /**
     * Runs events with time ≤ {@code untilNs}, then sets the clock to {@code untilNs} if the
     * queue still holds later events. Stops early, between two events, when {@code cancelled}
     * turns true; {@code onCheck} runs every few thousand events (for progress reports).
     *
     * @return true when the run reached its end, false when it was cancelled
     */
    public boolean run(long untilNs, BooleanSupplier cancelled, Runnable onCheck) {
        int sinceCheck = 0;
        while (!queue.isEmpty() && queue.peek().timeNs <= untilNs) {
            step();
            if (++sinceCheck == CHECK_EVERY_EVENTS) {
                sinceCheck = 0;
                onCheck.run();
                if (cancelled.getAsBoolean()) {
                    return false;
                }
            }
        }
        if (!queue.isEmpty() && untilNs > nowNs) {
            nowNs = untilNs;
        }
        return true;
    }

    public boolean run(long untilNs) {
        return run(untilNs, () -> false, () -> { });
    }
}
