package dev.fleetsim.engine.scenario;

/**
 * How a run costs communication ({@code simulation.network}). {@code FLOW}: every running job's
 * collectives are flows on its placement, sharing links with other jobs by max-min fairness, so
 * neighbours change a job's speed. {@code ANALYTIC}: each job is costed alone by the closed-form
 * per-job model; faster, no contention.
 */
public enum NetworkMode {
    FLOW, ANALYTIC;

    /** The scenario-file spelling: {@code flow}, {@code analytic}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
