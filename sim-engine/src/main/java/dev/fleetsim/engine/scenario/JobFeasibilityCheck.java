package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.JobSpec;

import java.util.List;

/**
 * A check the scenario validator runs on every job (and generator template) against every GPU
 * type it could be placed on; the engine supplies its kinds' fit checks (memory) this way so the
 * scenario package does not depend on the performance model. Each returned string is one
 * problem, phrased as what overflows and by how much. It is the {@code JobFit} that
 * {@code cluster.Admission} takes.
 */
@FunctionalInterface
public interface JobFeasibilityCheck {
    List<String> problems(JobSpec job, GpuSpec gpu);
}
