package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

/**
 * How long a deployment's stream is expected to last (its duration, or its count at its mean rate,
 * or a trace's recorded span at its speedup): what length-aware policies see as a replica's run time.
 */
final class ExpectedLength {
    private ExpectedLength() {
    }

    static double seconds(ServiceSpec service) {
        RequestStreamSpec r = service.requests();
        double s = Double.POSITIVE_INFINITY;
        if (r.durationNs().isPresent()) {
            s = r.durationNs().getAsLong() / 1e9;
        }
        if (r.arrival().process() == ArrivalProcess.TRACE) {
            var t = r.arrival().trace().get();
            s = Math.min(s, t.durationS() / t.speedup());
        } else if (r.count().isPresent()) {
            s = Math.min(s, r.count().getAsLong() / r.arrival().ratePerS());
        }
        return Double.isFinite(s) ? s : 0;
    }
}
