package dev.fleetsim.engine.metrics;

/**
 * Headline metrics of a run ({@code summary.json}). Deterministic: no wall-clock figures.
 *
 * @param makespanS from time 0 to the last job end (or the horizon)
 * @param waitS wait (start − submit) of every job that started
 * @param jctS completion time (end − submit) of every finished job
 * @param allocatedUtilisation allocated GPU-time over total GPU-time during the makespan
 * @param busyUtilisation computing GPU-time (allocated × compute fraction) over total GPU-time
 * @param allocatedGpuHours GPU-hours held by jobs
 * @param gpuCostUsd the fleet's GPU price over the makespan (every GPU, busy or not)
 * @param energyKWh facility energy of the fleet over the makespan (PUE included)
 * @param energyCostUsd energy at the scenario's electricity price
 * @param totalCostUsd GPU cost plus energy cost
 * @param preemptions preemptions over all jobs
 * @param events events the kernel fired
 * @param networkUpdates max-min re-computations of the shared network (one per job start or stop
 *        that adds or removes flows; 0 with the analytic network)
 * @param rateChanges times a running job's iteration time changed because its network share did
 */
public record RunSummary(String scenario, long seed, String policy, int gpus, int jobs, int finished, int running,
                         int queued, int rejected, double makespanS, Distribution waitS, Distribution jctS,
                         double allocatedUtilisation, double busyUtilisation, double allocatedGpuHours,
                         double gpuCostUsd, double energyKWh, double energyCostUsd, double totalCostUsd,
                         int preemptions, long events, long networkUpdates, long rateChanges) {
}
