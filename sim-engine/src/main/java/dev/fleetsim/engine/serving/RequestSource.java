package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.kernel.RandomStreams;
import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.ArrivalSpec;
import dev.fleetsim.engine.workload.serving.DiurnalSpec;
import dev.fleetsim.engine.workload.serving.PrefixSpec;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A deployment's requests, drawn one at a time as the run reaches them (never all at once):
 * arrival gaps from a Poisson or gamma process (in operational time, mapped through the diurnal
 * curve's cumulative rate when there is one) or the rows of a trace file read as a stream; prompt
 * and output lengths and the shared prefix from their own seeded streams
 * ({@code serving/<name>/arrivals}, {@code .../lengths}, {@code .../prefixes}), so a change in one
 * draws nothing different in the others.
 */
final class RequestSource implements AutoCloseable {
    private final RequestStreamSpec spec;
    private final long startNs;
    private final long endNs;
    private final long count;
    private final ArrivalSpec arrival;
    private final ContinuousSampler gap;
    private final LengthSampler input;
    private final LengthSampler output;
    private final UniformRandomProvider prefixRng;
    private BufferedReader trace;
    private double traceFirstS = Double.NaN;
    /** Operational time of the last arrival, in seconds from the start (mean-rate units). */
    private double operationalS;
    private long nextId;
    private boolean done;

    RequestSource(String service, RequestStreamSpec spec, long startNs, RandomStreams streams) {
        this.spec = spec;
        this.startNs = startNs;
        this.endNs = spec.durationNs().isPresent() ? startNs + spec.durationNs().getAsLong() : Long.MAX_VALUE;
        this.count = spec.count().orElse(Long.MAX_VALUE);
        this.arrival = spec.arrival();
        UniformRandomProvider a = streams.stream("serving/" + service + "/arrivals");
        if (arrival.process() == ArrivalProcess.GAMMA) {
            double shape = 1 / (arrival.cv() * arrival.cv());
            gap = AhrensDieterMarsagliaTsangGammaSampler.of(a, shape, 1 / (arrival.ratePerS() * shape));
        } else if (arrival.process() == ArrivalProcess.POISSON) {
            gap = ZigguratSampler.Exponential.of(a, 1 / arrival.ratePerS());
        } else {
            gap = null;
        }
        UniformRandomProvider lengths = streams.stream("serving/" + service + "/lengths");
        this.input = new LengthSampler(spec.input(), lengths);
        this.output = new LengthSampler(spec.output(), lengths);
        this.prefixRng = streams.stream("serving/" + service + "/prefixes");
    }

    /** The next request, or null when the stream has ended. */
    Request next() {
        if (done || nextId >= count) {
            done = true;
            return null;
        }
        long at;
        int in;
        int out;
        if (arrival.process() == ArrivalProcess.TRACE) {
            String[] row = nextRow();
            if (row == null) {
                done = true;
                return null;
            }
            double ts = Double.parseDouble(row[0].trim());
            if (Double.isNaN(traceFirstS)) {
                traceFirstS = ts;
            }
            at = startNs + Math.round((ts - traceFirstS) / arrival.trace().get().speedup() * 1e9);
            in = Integer.parseInt(row[1].trim());
            out = Integer.parseInt(row[2].trim());
        } else {
            operationalS += gap.sample();
            at = startNs + Math.round(realTimeS(operationalS) * 1e9);
            in = input.draw();
            out = output.draw();
        }
        if (at > endNs) {
            done = true;
            return null;
        }
        int group = -1;
        int prefixTokens = 0;
        if (spec.prefix().isPresent()) {
            PrefixSpec p = spec.prefix().get();
            if (prefixRng.nextDouble() < p.share()) {
                group = prefixRng.nextInt(p.groups());
                prefixTokens = p.tokens();
            }
        }
        return new Request(nextId++, at, Math.max(1, in) + prefixTokens, Math.max(1, out), group, prefixTokens);
    }

    /**
     * Real time (seconds from the start) at which the cumulative diurnal rate reaches the
     * operational time {@code u}: Newton's method on the monotone {@code Λ(t) = t + A·P/(2π)·
     * (sin(2π(t − peak)/P) − sin(−2π·peak/P))}, which stays within {@code u / (1 ± A)}.
     */
    private double realTimeS(double u) {
        if (arrival.diurnal().isEmpty()) {
            return u;
        }
        DiurnalSpec d = arrival.diurnal().get();
        double a = d.amplitude();
        if (a == 0) {
            return u;
        }
        double p = d.periodNs() / 1e9;
        double w = 2 * Math.PI / p;
        double peak = d.peakNs() / 1e9;
        double offset = Math.sin(-w * peak);
        double lo = u / (1 + a);
        double hi = u / (1 - a);
        double t = u;
        for (int i = 0; i < 60; i++) {
            double f = t + a / w * (Math.sin(w * (t - peak)) - offset) - u;
            if (Math.abs(f) < 1e-9) {
                break;
            }
            if (f > 0) {
                hi = t;
            } else {
                lo = t;
            }
            double next = t - f / (1 + a * Math.cos(w * (t - peak)));
            t = next > lo && next < hi ? next : (lo + hi) / 2;
        }
        return t;
    }

    private String[] nextRow() {
        try {
            if (trace == null) {
                trace = Files.newBufferedReader(arrival.trace().get().file(), StandardCharsets.UTF_8);
                trace.readLine();
            }
            String line;
            while ((line = trace.readLine()) != null) {
                if (!line.isBlank()) {
                    return line.split(",", -1);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request trace " + arrival.trace().get().file(), e);
        }
    }

    @Override
    public void close() {
        if (trace != null) {
            try {
                trace.close();
            } catch (IOException ignored) {
                // nothing was written
            }
        }
    }
}
