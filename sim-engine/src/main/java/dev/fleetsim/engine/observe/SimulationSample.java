package dev.fleetsim.engine.observe;

import java.util.List;

/**
 * The cluster's state from {@code timeNs} until its next change: what the run's time series
 * records, sent live.
 *
 * @param timeNs simulated time the state began
 * @param allocatedGpus GPUs held by jobs
 * @param busyGpus GPUs computing (allocated × each job's compute fraction)
 * @param queuedJobs jobs waiting to start
 * @param runningJobs jobs holding GPUs
 * @param powerKw facility power (IT power × PUE)
 * @param cumulativeCostUsd the fleet's cost so far: every GPU's price since time 0 plus the energy drawn
 * @param links the network links carrying traffic (flow network only; empty with the analytic one)
 */
public record SimulationSample(long timeNs, double allocatedGpus, double busyGpus, int queuedJobs, int runningJobs,
                               double powerKw, double cumulativeCostUsd, List<LinkLoad> links) {
    public SimulationSample {
        links = List.copyOf(links);
    }
}
