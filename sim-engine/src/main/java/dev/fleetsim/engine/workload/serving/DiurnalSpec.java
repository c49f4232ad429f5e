package dev.fleetsim.engine.workload.serving;

/**
 * A daily cycle of the arrival rate: {@code rate(t) = mean × (1 + amplitude × cos(2π (t − peak) / period))},
 * so the mean rate over a period is the arrival's rate, the peak is {@code 1 + amplitude} times it
 * and the trough {@code 1 − amplitude} times it.
 */
public record DiurnalSpec(double amplitude, long periodNs, long peakNs) {
    public DiurnalSpec {
        if (!(amplitude >= 0 && amplitude < 1) || periodNs <= 0 || peakNs < 0) {
            throw new IllegalArgumentException("diurnal amplitude in [0, 1), period > 0, peak >= 0");
        }
    }
}
