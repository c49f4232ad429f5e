package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;

/** Jobs listed one by one, and generators that draw more from seeded streams when the run starts. */
public record WorkloadSpec(List<TrainingJobSpec> jobs, List<GeneratorSpec> generators) {
    public WorkloadSpec {
        jobs = List.copyOf(jobs);
        generators = List.copyOf(generators);
    }
}
