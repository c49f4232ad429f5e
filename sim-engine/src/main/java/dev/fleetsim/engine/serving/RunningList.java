package dev.fleetsim.engine.serving;

/**
 * A replica's running requests in admission order, linked through the requests themselves (O(1)
 * add and remove): preemption takes its victims from the tail, the most recently admitted, as
 * vLLM does.
 */
final class RunningList {
    private Request head;
    private Request tail;
    private int size;

    int size() {
        return size;
    }

    Request head() {
        return head;
    }

    Request tail() {
        return tail;
    }

    void add(Request r) {
        r.running = true;
        r.prev = tail;
        r.next = null;
        if (tail != null) {
            tail.next = r;
        } else {
            head = r;
        }
        tail = r;
        size++;
    }

    void remove(Request r) {
        if (!r.running) {
            return;
        }
        if (r.prev != null) {
            r.prev.next = r.next;
        } else {
            head = r.next;
        }
        if (r.next != null) {
            r.next.prev = r.prev;
        } else {
            tail = r.prev;
        }
        r.prev = null;
        r.next = null;
        r.running = false;
        size--;
    }

    void clear() {
        for (Request r = head; r != null; ) {
            Request next = r.next;
            r.prev = null;
            r.next = null;
            r.running = false;
            r = next;
        }
        head = null;
        tail = null;
        size = 0;
    }
}
