package dev.fleetsim.engine.observe;

/**
 * How far a run is.
 *
 * @param fraction done in [0, 1]: simulated time over the horizon, or ended jobs over all jobs when there is none
 * @param simulatedNowNs the simulation clock
 * @param jobsEnded jobs finished or rejected
 * @param jobsTotal jobs of the run
 */
public record RunProgress(double fraction, long simulatedNowNs, int jobsEnded, int jobsTotal) {
}
