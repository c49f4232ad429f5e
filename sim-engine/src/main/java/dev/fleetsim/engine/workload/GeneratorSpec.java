package dev.fleetsim.engine.workload;

import java.util.List;

/**
 * Draws {@code count} jobs: Poisson arrivals from {@code startNs} with the given mean gap, each
 * job's template chosen by weight, its length log-uniform in the template's range, its tenant
 * uniform over {@code tenants}.
 */
public record GeneratorSpec(String name, int count, long startNs, long meanInterarrivalNs,
                            List<JobTemplateSpec> mix, List<String> tenants) {
    public GeneratorSpec {
        mix = List.copyOf(mix);
        tenants = List.copyOf(tenants);
    }
}
