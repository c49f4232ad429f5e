package dev.fleetsim.bench;

import java.util.PriorityQueue;

/**
 * The yardstick of the event kernel: what a first discrete-event loop written in an afternoon
 * looks like, a {@link PriorityQueue} of (time, sequence) events with cancel by flag (skipped
 * when polled). {@link KernelBenchmark} runs it on the same mix as the kernel; the kernel must
 * beat it by at least 1.5× (docs/PERFORMANCE.md).
 */
final class PriorityQueueToy {
    interface Action { void fire(PriorityQueueToy q); }

    static final class Event implements Comparable<Event> {
        final long time; final long seq; final Action action; boolean cancelled;
        Event(long time, long seq, Action action) { this.time = time; this.seq = seq; this.action = action; }
        @Override public int compareTo(Event o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    long now() { return now; }

    Event scheduleIn(long delay, Action a) { Event e = new Event(now + delay, seq++, a); queue.add(e); return e; }

    boolean cancel(Event e) { boolean was = !e.cancelled; e.cancelled = true; return was; }

    boolean step() {
        Event e = queue.poll();
        while (e != null && e.cancelled) { e = queue.poll(); }
        if (e == null) { return false; }
        now = e.time;
        e.cancelled = true; // fired: a later cancel is a no-op
        e.action.fire(this);
        return true;
    }
}
