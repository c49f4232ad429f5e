package dev.fleetsim.engine.workload;

import java.util.List;

/**
 * Draws {@code count} jobs: Poisson arrivals from {@code startNs} with the given mean gap (at
 * the start; the rate may grow, {@code growth}), each job's template chosen by weight, its
 * length log-uniform in the template's range, its tenant uniform over {@code tenants}.
 */
public record GeneratorSpec(String name, int count, long startNs, long meanInterarrivalNs,
                            List<JobTemplateSpec> mix, List<String> tenants, RateGrowth growth) {
    public GeneratorSpec {
        mix = List.copyOf(mix);
        tenants = List.copyOf(tenants);
    }

    /** A generator at a constant rate. */
    public GeneratorSpec(String name, int count, long startNs, long meanInterarrivalNs, List<JobTemplateSpec> mix,
                         List<String> tenants) {
        this(name, count, startNs, meanInterarrivalNs, mix, tenants, RateGrowth.NONE);
    }
}
