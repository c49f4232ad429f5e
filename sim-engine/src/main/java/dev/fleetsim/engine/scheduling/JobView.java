package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A queued job as a policy sees it.
 *
 * @param id job id
 * @param spec the job as submitted (tenant, priority, model, layout, length, the user's estimate)
 * @param submitTimeNs when it was first submitted
 * @param gpus GPUs it needs (all at once: gang)
 * @param feasibleGpuTypes GPU types it may be placed on (type requirement and memory fit), in cluster order
 * @param idealIterationTimeS iteration time on a packed placement (consecutive GPUs of its first feasible type
 *                            on an idle cluster): the engine's estimate of its speed, known to any policy
 * @param iterationsDone iterations kept from earlier runs (non-zero for a job that was preempted and requeued;
 *                       work since its last checkpoint is not counted)
 * @param attainedGpuSeconds GPU-time the job has received so far (GPUs × time held, all runs, restarts included)
 * @param queuedSinceNs when it last entered the queue (its submit time, or the time it was last preempted)
 * @param ranSeconds time it has held GPUs so far, all runs
 */
public record JobView(String id, TrainingJobSpec spec, long submitTimeNs, int gpus, List<String> feasibleGpuTypes,
                      double idealIterationTimeS, double iterationsDone, double attainedGpuSeconds,
                      long queuedSinceNs, double ranSeconds) {
    public JobView {
        feasibleGpuTypes = List.copyOf(feasibleGpuTypes);
    }

    /** A job that never ran, or one built by hand in a test: queued since its submit time. */
    public JobView(String id, TrainingJobSpec spec, long submitTimeNs, int gpus, List<String> feasibleGpuTypes,
                   double idealIterationTimeS, double iterationsDone, double attainedGpuSeconds) {
        this(id, spec, submitTimeNs, gpus, feasibleGpuTypes, idealIterationTimeS, iterationsDone, attainedGpuSeconds,
                submitTimeNs, attainedGpuSeconds / Math.max(1, gpus));
    }

    /** A fresh submission: nothing done yet. */
    public JobView(String id, TrainingJobSpec spec, long submitTimeNs, int gpus, List<String> feasibleGpuTypes,
                   double idealIterationTimeS) {
        this(id, spec, submitTimeNs, gpus, feasibleGpuTypes, idealIterationTimeS, 0, 0);
    }

    /** Seconds the remaining iterations take at the ideal iteration time (the true length, not a user guess). */
    public double remainingIdealSeconds() {
        return Math.max(0, spec.iterations() - iterationsDone) * idealIterationTimeS;
    }

    /** The user's estimate of the run time minus the time already run; empty when the job has no estimate. */
    public OptionalDouble remainingEstimateSeconds() {
        return spec.estimateNs().isPresent()
                ? OptionalDouble.of(Math.max(0, spec.estimateNs().getAsLong() / 1e9 - ranSeconds)) : OptionalDouble.empty();
    }
}
