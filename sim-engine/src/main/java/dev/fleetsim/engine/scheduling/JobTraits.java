package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.workload.JobKind;
import dev.fleetsim.engine.workload.JobSpec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a job is and asks for, the same for every kind: its identity and owner, its gang (GPUs,
 * and the group that belongs in one NVLink domain), where it may run, and how long it takes. A
 * policy reads these through {@link JobView} and {@link RunningJobView}; it never sees the
 * kind's own spec, so a policy written for training jobs schedules any kind.
 *
 * @param id job id
 * @param kind training (serving deployments come next)
 * @param tenant who owns it
 * @param priority larger = more important
 * @param submitTimeNs when it was first submitted
 * @param gpus GPUs it needs, all at once (gang)
 * @param gpusPerGroup GPUs a placement should keep inside one node when it can (a training job's TP group)
 * @param gpuType the GPU type it requires, or empty for any
 * @param feasibleGpuTypes GPU types it may be placed on (type requirement, precision, count and memory), in cluster order
 * @param idealRunSeconds how long it runs from start to end on its ideal placement (first fit on an idle cluster):
 *                        the engine's knowledge of its true length, which a real scheduler never has
 * @param estimateNs the user's estimate of its run time, or empty when the job has none
 */
public record JobTraits(String id, JobKind kind, String tenant, int priority, long submitTimeNs, int gpus,
                        int gpusPerGroup, Optional<String> gpuType, List<String> feasibleGpuTypes,
                        double idealRunSeconds, OptionalLong estimateNs) {
    public JobTraits {
        feasibleGpuTypes = List.copyOf(feasibleGpuTypes);
    }

    /** The traits of a submitted job with the engine's verdict (where it may run) and ideal length. */
    public static JobTraits of(JobSpec spec, List<String> feasibleGpuTypes, double idealRunSeconds) {
        return new JobTraits(spec.id(), spec.kind(), spec.tenant(), spec.priority(), spec.submitTimeNs(), spec.gpus(),
                spec.gpusPerGroup(), spec.gpuType(), feasibleGpuTypes, idealRunSeconds, spec.estimateNs());
    }

    /** The user's estimate minus {@code ranSeconds}; empty when the job has no estimate. */
    OptionalDouble remainingEstimateSeconds(double ranSeconds) {
        return estimateNs.isPresent()
                ? OptionalDouble.of(Math.max(0, estimateNs.getAsLong() / 1e9 - ranSeconds)) : OptionalDouble.empty();
    }
}
