package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.DiurnalSpec;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;

/**
 * The expected number of arrivals of a generated stream from its start to a time: the integral of
 * its rate (the mean rate, modulated by the diurnal curve when there is one), capped by its count
 * and its duration. The fluid mode's arrivals: no draw, no event per request.
 */
final class FluidArrivals {
    private final RequestStreamSpec spec;
    private final long startNs;
    private final double count;
    private final long endNs;

    FluidArrivals(RequestStreamSpec spec, long startNs) {
        this.spec = spec;
        this.startNs = startNs;
        this.count = spec.count().isPresent() ? spec.count().getAsLong() : Double.POSITIVE_INFINITY;
        this.endNs = spec.durationNs().isPresent() ? startNs + spec.durationNs().getAsLong() : Long.MAX_VALUE;
    }

    /** Expected arrivals in [start, t]. */
    double cumulative(long tNs) {
        long capped = Math.min(tNs, endNs);
        if (capped <= startNs) {
            return 0;
        }
        double t = (capped - startNs) / 1e9;
        double u = t;
        if (spec.arrival().diurnal().isPresent()) {
            DiurnalSpec d = spec.arrival().diurnal().get();
            double w = 2 * Math.PI / (d.periodNs() / 1e9);
            double peak = d.peakNs() / 1e9;
            u = t + d.amplitude() / w * (Math.sin(w * (t - peak)) - Math.sin(-w * peak));
        }
        return Math.min(count, spec.arrival().ratePerS() * u);
    }

    double between(long fromNs, long toNs) {
        return cumulative(toNs) - cumulative(fromNs);
    }

    /** Whether the stream has ended by {@code tNs} (its count reached or its duration over). */
    boolean done(long tNs) {
        return tNs >= endNs || cumulative(tNs) >= count - 1e-9;
    }
}
