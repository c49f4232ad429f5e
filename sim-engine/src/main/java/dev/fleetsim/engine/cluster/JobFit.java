package dev.fleetsim.engine.cluster;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.JobSpec;

import java.util.List;

/**
 * What a job kind's performance model says about a job on one GPU type: every reason the type
 * cannot hold it (for training, the memory per GPU overflowing HBM), phrased for a person, or
 * nothing when it fits. {@link Admission} asks it only for types that already pass the type,
 * precision and count checks. Supplied by the engine (the run package knows the models), so the
 * cluster and scenario packages do not depend on the performance model.
 */
@FunctionalInterface
public interface JobFit {

    List<String> problems(JobSpec job, GpuSpec gpu);

    /** Every job fits every type it may run on: for tests and models without a memory check. */
    JobFit ANY = (job, gpu) -> List.of();
}
