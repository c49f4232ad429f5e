package dev.fleetsim.engine.workload;

import dev.fleetsim.engine.hardware.Precision;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One unit of work as submitted, of any kind: what every kind has in common and what the
 * scheduler, the admission check and the cluster run need, without knowing the kind. Each kind
 * is an immutable record in this package; adding a kind means adding it to {@code permits},
 * giving it a {@link JobKind}, and giving the run package a runtime for it (see
 * docs/ARCHITECTURE.md, "Adding a job kind"). Code that needs a kind's own fields tests with
 * {@code instanceof} (no switch patterns: the code base is Java 17).
 */
public sealed interface JobSpec permits TrainingJobSpec, ServingReplicaSpec {

    /** Unique id in the scenario. */
    String id();

    JobKind kind();

    /** Who owns the job (quotas, fairness, per-tenant figures). */
    String tenant();

    /** Larger = more important. */
    int priority();

    /** Simulated submit time. */
    long submitTimeNs();

    /** GPUs it needs, all at once (a gang). */
    int gpus();

    /**
     * GPUs that talk to each other so much that a placement should keep them inside one NVLink
     * domain when it can (a training job's tensor-parallel group); 1 when any GPU will do.
     * {@link #gpus()} is a multiple of it.
     */
    int gpusPerGroup();

    /** The GPU type it must run on, or empty for any type it fits. */
    Optional<String> gpuType();

    /** The precision it computes in: a GPU type that does not support it cannot hold the job. */
    Precision precision();

    /** The user's estimate of its run time (what length-aware policies may use instead of the truth). */
    OptionalLong estimateNs();

    /**
     * The job with everything that does not change where it can run or how fast blanked (id,
     * length, submit time, tenant, priority, estimate): many jobs share a few shapes, and
     * per-shape work (admission, ideal speed) is done once per shape.
     */
    JobSpec shape();
}
