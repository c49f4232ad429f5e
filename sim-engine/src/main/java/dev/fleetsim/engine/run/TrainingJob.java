package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * A training job's runtime state. Progress is fluid: between rate changes the job advances at
 * {@code 1 / iterationTimeNs} iterations per nanosecond, and its completion is one scheduled
 * event that is moved whenever the rate changes. No event per iteration. A resumed job first
 * restarts (holds its GPUs without progress until {@code progressSinceNs}); the checkpoint it
 * would fall back to if preempted is tracked by {@link Checkpoints}.
 */
final class TrainingJob extends Job {
    final TrainingJobSpec spec;
    private final TrainingRuntime runtime;
    /** Iteration time on the ideal placement (0 when the cluster cannot run the job). */
    final double idealIterationTimeS;
    StepEstimate estimate;
    double iterationTimeNs;
    double iterationsDone;
    /** Progress is accrued from here; later than {@link #accruedAtNs} while the job restarts. */
    long progressSinceNs;
    /** The time of the last {@link #accrue}: remaining times are counted from it. */
    long accruedAtNs;
    final Checkpoints checkpoints = new Checkpoints();

    TrainingJob(int index, TrainingJobSpec spec, JobTraits traits, double idealIterationTimeS, TrainingRuntime runtime) {
        super(index, traits);
        this.spec = spec;
        this.idealIterationTimeS = idealIterationTimeS;
        this.runtime = runtime;
    }

    @Override
    TrainingJobSpec spec() {
        return spec;
    }

    @Override
    void begin(long nowNs) {
        accruedAtNs = nowNs;
        progressSinceNs = nowNs + (preemptions > 0 ? runtime.restartOverheadNs() : 0);
        // Checkpoints fall every interval of progress plus the write: that much run time.
        long interval = runtime.checkpointIntervalNs();
        checkpoints.beginRun(progressSinceNs, interval == 0 ? 0 : Math.round(interval * runtime.checkpointStretch()),
                iterationsDone);
        pace(runtime.estimate(this));
    }

    @Override
    void started(long nowNs) {
        runtime.started(this, nowNs);
    }

    /** Takes a new rate (called only between an accrual and a move of the completion). */
    void pace(StepEstimate e) {
        estimate = e;
        // Checkpoint writes pause progress; spread over the run, they stretch every iteration alike.
        iterationTimeNs = e.iterationTimeS() * 1e9 * runtime.checkpointStretch();
    }

    @Override
    void accrue(long nowNs) {
        if (state == JobState.RUNNING && nowNs > progressSinceNs) {
            double before = iterationsDone;
            iterationsDone = Math.min(spec.iterations(), before + (nowNs - progressSinceNs) / iterationTimeNs);
            checkpoints.advance(progressSinceNs, before, nowNs, iterationsDone, iterationTimeNs);
        }
        progressSinceNs = Math.max(progressSinceNs, nowNs);
        accruedAtNs = nowNs;
    }

    @Override
    void stopped(long nowNs) {
        runtime.stopped(this, nowNs);
    }

    @Override
    void preempted(long nowNs) {
        iterationsDone = checkpoints.preempt(runStartNs, nowNs, iterationsDone, iterationTimeNs);
    }

    @Override
    void completed(long nowNs) {
        checkpoints.finish(runStartNs, nowNs);
        iterationsDone = spec.iterations();
    }

    @Override
    long remainingNs() {
        double remaining = Math.max(0, spec.iterations() - iterationsDone);
        // Saturating: a job slow enough to end after the clock's span ends "never", not at a wrapped time.
        return SimTime.add(Math.max(0, progressSinceNs - accruedAtNs), SimTime.ceilNs(remaining * iterationTimeNs));
    }

    @Override
    double fractionDone(long nowNs) {
        double done = iterationsDone;
        if (state == JobState.RUNNING && nowNs > progressSinceNs) {
            done = Math.min(spec.iterations(), done + (nowNs - progressSinceNs) / iterationTimeNs);
        }
        return done / spec.iterations();
    }

    @Override
    double computeFraction() {
        return estimate.computeFraction();
    }

    @Override
    double remainingIdealSeconds() {
        return Math.max(0, spec.iterations() - iterationsDone) * idealIterationTimeS;
    }

    @Override
    double remainingIdealSeconds(double fractionDone) {
        return Math.max(0, 1 - fractionDone) * spec.iterations() * idealIterationTimeS;
    }

    @Override
    WorkFigures figures(long endOfRunNs, boolean started) {
        long restartNs = state == JobState.RUNNING
                ? checkpoints.restartSoFarNs(runStartNs, endOfRunNs) : checkpoints.restartNs();
        return new WorkFigures(spec.iterations(), iterationsDone, started ? estimate.iterationTimeS() : 0,
                started ? estimate.modelTflopsPerGpu() : 0, started ? estimate.mfu() : 0, idealIterationTimeS,
                checkpoints.lostWorkNs(), restartNs, 1 - 1 / runtime.checkpointStretch());
    }
}
