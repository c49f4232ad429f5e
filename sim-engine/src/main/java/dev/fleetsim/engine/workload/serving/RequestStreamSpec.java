package dev.fleetsim.engine.workload.serving;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A deployment's requests: when they arrive, how long their prompts and outputs are, which share a
 * prefix, and when the stream ends: after {@code count} requests, after {@code durationNs}, or
 * whichever comes first (a trace ends with its file). A deployment retires when its stream has
 * ended and its last request is done.
 *
 * @param input prompt lengths (without the shared prefix); ignored for a trace, whose rows carry them
 * @param output output lengths, the first token included; ignored for a trace
 */
public record RequestStreamSpec(ArrivalSpec arrival, OptionalLong count, OptionalLong durationNs, LengthSpec input,
                                LengthSpec output, Optional<PrefixSpec> prefix) {

    public RequestStreamSpec {
        if (arrival.process() != ArrivalProcess.TRACE && count.isEmpty() && durationNs.isEmpty()) {
            throw new IllegalArgumentException("a generated request stream needs a count, a duration or both");
        }
    }

    /**
     * The most requests the stream can send: a trace's rows, else the lesser of its count and its
     * mean rate times its duration (a diurnal cycle moves arrivals, not their mean).
     */
    public double mostRequests() {
        if (arrival.trace().isPresent()) {
            return arrival.trace().get().rows();
        }
        double byTime = durationNs.isPresent() ? arrival.ratePerS() * durationNs.getAsLong() / 1e9 : Double.POSITIVE_INFINITY;
        return Math.min(byTime, count.isPresent() ? count.getAsLong() : Double.POSITIVE_INFINITY);
    }

    /** The same stream at another mean arrival rate. */
    public RequestStreamSpec withRate(double ratePerS) {
        return new RequestStreamSpec(arrival.withRate(ratePerS), count, durationNs, input, output, prefix);
    }

    /** The same stream ending after {@code n} requests (and no later than its duration). */
    public RequestStreamSpec withCount(long n) {
        return new RequestStreamSpec(arrival, OptionalLong.of(n), durationNs, input, output, prefix);
    }
}
