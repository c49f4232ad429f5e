package dev.fleetsim.engine.workload;

/**
 * A generator's arrival times under a forecast ({@link RateGrowth}): gaps are drawn at the
 * start's rate, as without growth, and added in operational time; the real time is the
 * cumulative rate's inverse. Without growth the real time is the operational time itself, so
 * the arrivals are bit for bit those of a generator that knows nothing of forecasts.
 */
final class ArrivalClock {
    /** Past this (2^62 ns, about 146 years) arrivals have died out: beyond any simulated clock. */
    static final double END_NS = 0x1p62;

    private final double startNs;
    private final RateGrowth growth;
    private double operationalNs;

    ArrivalClock(long startNs, RateGrowth growth) {
        this.startNs = startNs;
        this.growth = growth;
        this.operationalNs = startNs;
    }

    /** Adds a gap drawn at the start's rate; returns the next arrival's real time in ns ({@link #END_NS} or more: none). */
    double advance(double gapNs) {
        operationalNs += gapNs;
        if (growth.none()) {
            return operationalNs;
        }
        double real = startNs + growth.realTime((operationalNs - startNs) / 1e9) * 1e9;
        return Double.isFinite(real) ? real : END_NS;
    }
}
