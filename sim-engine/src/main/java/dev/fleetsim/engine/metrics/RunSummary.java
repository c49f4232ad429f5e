package dev.fleetsim.engine.metrics;

import java.util.List;

/**
 * Headline metrics of a run ({@code summary.json}), in groups: what happened to the jobs, how
 * long things took, how busy the GPUs were, what it cost, and what the kernel did. A new metric
 * goes into the one group it belongs to (and so into one JSON object of the summary).
 * Deterministic: no wall-clock figures.
 *
 * @param gpus GPUs in the cluster
 * @param services one entry per inference deployment ({@link ServiceSummary}); empty without any
 */
public record RunSummary(String scenario, long seed, String policy, int gpus, Counts counts, Times times,
                         Utilisation utilisation, Cost cost, Kernel kernel, List<ServiceSummary> services) {

    public RunSummary {
        services = List.copyOf(services);
    }

    /** A run without inference deployments. */
    public RunSummary(String scenario, long seed, String policy, int gpus, Counts counts, Times times,
                      Utilisation utilisation, Cost cost, Kernel kernel) {
        this(scenario, seed, policy, gpus, counts, times, utilisation, cost, kernel, List.of());
    }

    /** The same summary with the deployments' figures. */
    public RunSummary withServices(List<ServiceSummary> newServices) {
        return new RunSummary(scenario, seed, policy, gpus, counts, times, utilisation, cost, kernel, newServices);
    }

    /**
     * Jobs by their state at the end of the run.
     *
     * @param jobs every job of the run
     * @param queued jobs still waiting at the horizon (never started, or preempted and not restarted)
     * @param preemptions preemptions over all jobs
     */
    public record Counts(int jobs, int finished, int running, int queued, int rejected, int preemptions) {
    }

    /**
     * @param makespanS from time 0 to the last job end (or the horizon)
     * @param waitS wait (first start − submit) of every job that started
     * @param jctS completion time (end − submit) of every finished job
     */
    public record Times(double makespanS, Distribution waitS, Distribution jctS) {
    }

    /**
     * @param allocatedUtilisation allocated GPU-time over total GPU-time during the makespan
     * @param busyUtilisation computing GPU-time (allocated × compute fraction) over total GPU-time
     * @param allocatedGpuHours GPU-hours held by jobs
     */
    public record Utilisation(double allocatedUtilisation, double busyUtilisation, double allocatedGpuHours) {
    }

    /**
     * @param gpuCostUsd the fleet's GPU price over the makespan (every GPU, busy or not)
     * @param energyKWh facility energy of the fleet over the makespan (PUE included)
     * @param energyCostUsd energy at the scenario's electricity price
     * @param totalCostUsd GPU cost plus energy cost
     */
    public record Cost(double gpuCostUsd, double energyKWh, double energyCostUsd, double totalCostUsd) {
    }

    /**
     * @param events events the kernel fired
     * @param networkUpdates max-min re-computations of the shared network (one per job start or stop that adds or
     *                       removes flows; 0 with the analytic network)
     * @param rateChanges times a running job's iteration time changed because its network share did
     */
    public record Kernel(long events, long networkUpdates, long rateChanges) {
    }
}
