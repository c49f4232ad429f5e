package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;

/**
 * A queued job as a policy sees it.
 *
 * @param id job id
 * @param spec the job as submitted
 * @param submitTimeNs when it entered the queue
 * @param gpus GPUs it needs (all at once: gang)
 * @param feasibleGpuTypes GPU types it may be placed on (type requirement and memory fit), in catalogue order
 */
public record JobView(String id, TrainingJobSpec spec, long submitTimeNs, int gpus, List<String> feasibleGpuTypes) {
    public JobView {
        feasibleGpuTypes = List.copyOf(feasibleGpuTypes);
    }
}
