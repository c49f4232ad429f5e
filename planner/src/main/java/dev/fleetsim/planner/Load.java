package dev.fleetsim.planner;

import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.serving.RequestStreamSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A workload at another load: every generator's arrival rate times {@code factor}, over the same
 * span of time (so {@code factor} times as many jobs, each drawn as before), and every service's
 * request rate (and request count, if it has one) times {@code factor}. Listed jobs stay.
 */
final class Load {
    private Load() {
    }

    static WorkloadSpec scaled(WorkloadSpec w, double factor) {
        List<GeneratorSpec> gens = new ArrayList<>();
        for (GeneratorSpec g : w.generators()) {
            gens.add(new GeneratorSpec(g.name(), Math.max(1, (int) Math.round(g.count() * factor)), g.startNs(),
                    Math.max(1, Math.round(g.meanInterarrivalNs() / factor)), g.mix(), g.tenants(), g.growth()));
        }
        List<TraceGeneratorSpec> traces = new ArrayList<>();
        for (TraceGeneratorSpec t : w.traceGenerators()) {
            traces.add(new TraceGeneratorSpec(t.name(), t.trace(), Math.max(1, (int) Math.round(t.count() * factor)),
                    t.startNs(), t.scale() * factor, t.diurnalAmplitude(), t.tenants(), t.tenantSkew(),
                    t.sizeDurationCorrelation(), t.maxGpus(), t.gpuType(), t.reference(), t.growth(), t.sizeGrowth()));
        }
        List<ServiceSpec> services = new ArrayList<>();
        for (ServiceSpec s : w.services()) {
            RequestStreamSpec r = s.requests();
            double rate = r.arrival().trace().isPresent() ? r.arrival().trace().get().ratePerS() : r.arrival().ratePerS();
            RequestStreamSpec scaled = rate > 0 ? r.withRate(rate * factor) : r;
            if (r.count().isPresent()) {
                scaled = scaled.withCount(Math.max(1, Math.round(r.count().getAsLong() * factor)));
            }
            services.add(s.withRequests(scaled));
        }
        return new WorkloadSpec(w.jobs(), gens, traces, services);
    }
}
