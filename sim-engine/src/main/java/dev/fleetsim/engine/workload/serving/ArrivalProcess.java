package dev.fleetsim.engine.workload.serving;

import java.util.Locale;

/**
 * How request arrival times are drawn: {@code poisson} (exponential gaps), {@code gamma} (gamma
 * gaps with a coefficient of variation: above 1 is burstier than Poisson, below 1 smoother), or
 * {@code trace} (the timestamps of a CSV file).
 */
public enum ArrivalProcess {
    POISSON, GAMMA, TRACE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
