package dev.fleetsim.engine.run;

import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.workload.ServingReplicaSpec;

/**
 * A serving replica's runtime state in the cluster run. It has no end of its own
 * ({@link Job#NO_END}): it serves until its deployment retires it (scaled down, or the stream is
 * over) or a policy preempts it. What it does while it holds GPUs is its deployment's
 * ({@link ServingRuntime}); the cluster run sees only its compute fraction, which the deployment
 * updates as its load changes.
 */
final class ServingReplicaJob extends Job {
    final ServingReplicaSpec spec;
    private final ServingRuntime runtime;
    /** Fraction of the time its GPUs compute; changed only through {@link RunHooks#changeRate}. */
    double computeFraction;

    ServingReplicaJob(int index, ServingReplicaSpec spec, JobTraits traits, ServingRuntime runtime) {
        super(index, traits);
        this.spec = spec;
        this.runtime = runtime;
    }

    @Override
    ServingReplicaSpec spec() {
        return spec;
    }

    @Override
    void begin(long nowNs) {
        computeFraction = 0;
    }

    @Override
    void started(long nowNs) {
        runtime.started(this, nowNs);
    }

    @Override
    void accrue(long nowNs) {
        // A replica's progress is its deployment's requests, which the deployment accounts for.
    }

    @Override
    void stopped(long nowNs) {
        runtime.stopped(this, nowNs);
    }

    @Override
    void preempted(long nowNs) {
        // The deployment has routed its requests elsewhere; nothing else is lost.
    }

    @Override
    void completed(long nowNs) {
        // Retired by its deployment.
    }

    @Override
    long remainingNs() {
        return NO_END;
    }

    @Override
    double fractionDone(long nowNs) {
        return 0;
    }

    @Override
    double computeFraction() {
        return computeFraction;
    }

    @Override
    double remainingIdealSeconds() {
        return traits.idealRunSeconds();
    }

    @Override
    double remainingIdealSeconds(double fractionDone) {
        return traits.idealRunSeconds();
    }

    @Override
    WorkFigures figures(long endOfRunNs, boolean started) {
        return new WorkFigures(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
