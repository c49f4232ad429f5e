package dev.fleetsim.engine.scenario;

import java.util.OptionalLong;

/**
 * Run control.
 *
 * @param horizonNs simulated time at which the run stops; empty = until every job has ended
 * @param seed master seed of all random streams
 * @param timeseriesPoints rows in timeseries.csv (time-weighted averages over equal bins)
 * @param charts whether PNG charts are rendered
 */
public record SimulationSpec(OptionalLong horizonNs, long seed, int timeseriesPoints, boolean charts) {
    public SimulationSpec withSeed(long newSeed) {
        return new SimulationSpec(horizonNs, newSeed, timeseriesPoints, charts);
    }
}
