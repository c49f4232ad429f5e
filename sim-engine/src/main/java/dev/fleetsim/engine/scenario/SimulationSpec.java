package dev.fleetsim.engine.scenario;

import java.util.OptionalLong;

/**
 * Run control.
 *
 * @param horizonNs simulated time at which the run stops; empty = until every job has ended
 * @param seed master seed of all random streams
 * @param timeseriesPoints rows in timeseries.csv (time-weighted averages over equal bins)
 * @param charts whether PNG charts are rendered
 * @param network how communication is costed: flow-level with contention, or analytic per job
 */
public record SimulationSpec(OptionalLong horizonNs, long seed, int timeseriesPoints, boolean charts,
                             NetworkMode network) {

    /** Run control with the default flow-level network. */
    public SimulationSpec(OptionalLong horizonNs, long seed, int timeseriesPoints, boolean charts) {
        this(horizonNs, seed, timeseriesPoints, charts, NetworkMode.FLOW);
    }

    public SimulationSpec withSeed(long newSeed) {
        return new SimulationSpec(horizonNs, newSeed, timeseriesPoints, charts, network);
    }

    public SimulationSpec withNetwork(NetworkMode mode) {
        return new SimulationSpec(horizonNs, seed, timeseriesPoints, charts, mode);
    }
}
