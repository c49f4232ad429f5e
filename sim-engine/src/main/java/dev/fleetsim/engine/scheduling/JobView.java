package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;

/**
 * A queued job as a policy sees it.
 *
 * @param id job id
 * @param spec the job as submitted (tenant, priority, model, layout, length)
 * @param submitTimeNs when it was first submitted
 * @param gpus GPUs it needs (all at once: gang)
 * @param feasibleGpuTypes GPU types it may be placed on (type requirement and memory fit), in cluster order
 * @param idealIterationTimeS iteration time on a packed placement (consecutive GPUs of its first feasible type
 *                            on an idle cluster): the engine's estimate of its speed, known to any policy
 * @param iterationsDone iterations already done before (non-zero for a job that was preempted and requeued)
 * @param attainedGpuSeconds GPU-time the job has received so far (GPUs × time run, all runs)
 */
public record JobView(String id, TrainingJobSpec spec, long submitTimeNs, int gpus, List<String> feasibleGpuTypes,
                      double idealIterationTimeS, double iterationsDone, double attainedGpuSeconds) {
    public JobView {
        feasibleGpuTypes = List.copyOf(feasibleGpuTypes);
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
}
