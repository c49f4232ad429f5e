package dev.fleetsim.planner;

/** What a plan tells its caller while it searches; called from worker threads. */
public interface PlanProgress {
    PlanProgress NONE = new PlanProgress() {
    };

    /** A phase begins ("screening", "confirming on 2 seeds", "sensitivity"). */
    default void phase(String description) {
    }

    /** One simulation finished; {@code simulations} have run so far. */
    default void ran(Evaluation e, int simulations) {
    }

    /** Polled between simulations and inside them: true stops the plan (nothing is written). */
    default boolean cancelled() {
        return false;
    }
}
