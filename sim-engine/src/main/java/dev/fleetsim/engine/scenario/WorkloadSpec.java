package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.List;

/**
 * Jobs listed one by one (of any kind), generators that draw more training jobs from
 * seeded streams when the run starts: mix generators ({@code kind: mix}) and trace generators
 * ({@code kind: trace}), which share the file's {@code generators} list and its name space, and
 * inference deployments ({@code services}), whose replicas the run submits as they are asked for.
 */
public record WorkloadSpec(List<JobSpec> jobs, List<GeneratorSpec> generators,
                           List<TraceGeneratorSpec> traceGenerators, List<ServiceSpec> services) {
    public WorkloadSpec {
        jobs = List.copyOf(jobs);
        generators = List.copyOf(generators);
        traceGenerators = List.copyOf(traceGenerators);
        services = List.copyOf(services);
    }

    /** Jobs and generators, no inference deployments. */
    public WorkloadSpec(List<JobSpec> jobs, List<GeneratorSpec> generators, List<TraceGeneratorSpec> traceGenerators) {
        this(jobs, generators, traceGenerators, List.of());
    }

    /** The same workload with other deployments. */
    public WorkloadSpec withServices(List<ServiceSpec> newServices) {
        return new WorkloadSpec(jobs, generators, traceGenerators, newServices);
    }

    public WorkloadSpec(List<JobSpec> jobs, List<GeneratorSpec> generators) {
        this(jobs, generators, List.of());
    }

    /** The listed jobs of one kind, in file order: {@code jobsOf(TrainingJobSpec.class)}. */
    public <T extends JobSpec> List<T> jobsOf(Class<T> kind) {
        return jobs.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
