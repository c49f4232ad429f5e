package dev.fleetsim.engine.kernel;

/**
 * A scheduled event as the queue holds it: its time, its insertion sequence (the tie-breaker
 * that makes runs deterministic) and whether it is still queued; cancelling only marks it
 * ({@link EventQueue} drops marked handles).
 */
public final class EventHandle {
    final long timeNs;
    final long sequence;
    final Event event;
    static final byte NEW = 0;
    static final byte QUEUED = 1;
    static final byte DONE = 2;

    byte state = NEW;

    EventHandle(long timeNs, long sequence, Event event) {
        this.timeNs = timeNs;
        this.sequence = sequence;
        this.event = event;
    }

    public long timeNs() {
        return timeNs;
    }

    /** True while the event waits in the queue (not yet fired, not cancelled). */
    public boolean isPending() {
        return state == QUEUED;
    }
}
