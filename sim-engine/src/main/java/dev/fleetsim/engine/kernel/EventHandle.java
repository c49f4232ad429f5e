package dev.fleetsim.engine.kernel;

/**
 * A scheduled event as the queue holds it: its time, its insertion sequence (the tie-breaker
 * that makes runs deterministic) and its slot in the heap, so cancelling is O(log n).
 */
public final class EventHandle {
    final long timeNs;
    final long sequence;
    final Event event;
    int heapIndex = -1;

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
        return heapIndex >= 0;
    }
}
