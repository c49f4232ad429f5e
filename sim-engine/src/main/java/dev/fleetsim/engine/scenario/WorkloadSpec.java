package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;

/**
 * Jobs listed one by one, and generators that draw more from seeded streams when the run
 * starts: mix generators ({@code kind: mix}) and trace generators ({@code kind: trace}), which
 * share the file's {@code generators} list and its name space.
 */
public record WorkloadSpec(List<TrainingJobSpec> jobs, List<GeneratorSpec> generators,
                           List<TraceGeneratorSpec> traceGenerators) {
    public WorkloadSpec {
        jobs = List.copyOf(jobs);
        generators = List.copyOf(generators);
        traceGenerators = List.copyOf(traceGenerators);
    }

    public WorkloadSpec(List<TrainingJobSpec> jobs, List<GeneratorSpec> generators) {
        this(jobs, generators, List.of());
    }
}
