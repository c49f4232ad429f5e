package dev.fleetsim.engine.run;

/** What a kind's runtime may ask of the cluster run. */
interface RunHooks {

    /**
     * A running job's rate changes now (its network share did): the run accrues its progress,
     * applies {@code change} (the new rate), re-counts it in the metrics and moves its one
     * completion event.
     */
    void changeRate(Job job, Runnable change);
}
