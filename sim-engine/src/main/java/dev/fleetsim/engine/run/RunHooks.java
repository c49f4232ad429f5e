package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.Simulator;
import dev.fleetsim.engine.workload.JobSpec;

/** What a kind's runtime may ask of the cluster run. */
interface RunHooks {

    /**
     * A running job's rate changes now (its network share did): the run accrues its progress,
     * applies {@code change} (the new rate), re-counts it in the metrics and moves its one
     * completion event.
     */
    void changeRate(Job job, Runnable change);

    /** The run's clock, for a kind that has events of its own (a deployment's requests and iterations). */
    Simulator simulator();

    /** A job submitted now, during the run (a deployment asking for another replica): it joins the queue. */
    void submit(JobSpec spec);

    /**
     * The job ends now by its own decision (a replica scaled down, a deployment retired): a running
     * job finishes and releases its GPUs, a queued one is withdrawn (it finishes without having
     * run). Nothing happens to a job that has already ended.
     */
    void retire(String jobId);

    /** Hooks for runtimes that never run anything (expanding a workload, estimating): every call is a bug. */
    static RunHooks inert(String why) {
        return new RunHooks() {
            @Override
            public void changeRate(Job job, Runnable change) {
                throw new IllegalStateException(why);
            }

            @Override
            public Simulator simulator() {
                throw new IllegalStateException(why);
            }

            @Override
            public void submit(JobSpec spec) {
                throw new IllegalStateException(why);
            }

            @Override
            public void retire(String jobId) {
                throw new IllegalStateException(why);
            }
        };
    }
}
