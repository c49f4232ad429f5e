package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.workload.JobKind;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a queued and a running job look like alike to a policy: the job's {@link JobTraits} and
 * the time it has run, with accessors for the traits policies read most. Implemented by
 * {@link JobView} and {@link RunningJobView}, so code that only needs the job (a tenant's sum,
 * a priority order) takes either.
 */
public interface SchedulableJob {

    /** What the job is and asks for. */
    JobTraits job();

    /** Time it has held GPUs so far, all runs. */
    double ranSeconds();

    default String id() {
        return job().id();
    }

    default JobKind kind() {
        return job().kind();
    }

    default String tenant() {
        return job().tenant();
    }

    default int priority() {
        return job().priority();
    }

    default long submitTimeNs() {
        return job().submitTimeNs();
    }

    /** GPUs it needs (or holds), all at once. */
    default int gpus() {
        return job().gpus();
    }

    /** GPUs a placement should keep inside one node when it can. */
    default int gpusPerGroup() {
        return job().gpusPerGroup();
    }

    default Optional<String> gpuType() {
        return job().gpuType();
    }

    /** GPU types it may be placed on, in cluster order. */
    default List<String> feasibleGpuTypes() {
        return job().feasibleGpuTypes();
    }

    /** The user's estimate of the run time minus the time already run; empty when the job has no estimate. */
    default OptionalDouble remainingEstimateSeconds() {
        return job().remainingEstimateSeconds(ranSeconds());
    }
}
