package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.RequestRecord;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The requests a deployment writes to {@code requests.csv}: every one up to {@code capacity}, then a
 * uniform sample of that size (reservoir sampling, Vitter's algorithm R) from a seeded stream of
 * its own, so memory is bounded and the sample is the same on every run of the same seed.
 */
final class RequestSample {
    private final int capacity;
    private final UniformRandomProvider rng;
    private final List<RequestRecord> kept = new ArrayList<>();
    private long seen;

    RequestSample(int capacity, UniformRandomProvider rng) {
        this.capacity = capacity;
        this.rng = rng;
    }

    void offer(RequestRecord r) {
        long i = seen++;
        if (i < capacity) {
            kept.add(r);
        } else if (capacity > 0) {
            long j = rng.nextLong(i + 1);
            if (j < capacity) {
                kept.set((int) j, r);
            }
        }
    }

    long seen() {
        return seen;
    }

    /** The kept records in request order. */
    List<RequestRecord> records() {
        List<RequestRecord> out = new ArrayList<>(kept);
        out.sort(Comparator.comparingLong(RequestRecord::id));
        return out;
    }
}
