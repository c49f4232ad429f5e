package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * A training job's runtime state. Progress is fluid: between rate changes the job advances at
 * {@code 1 / iterationTimeNs} iterations per nanosecond, and its completion is one scheduled
 * event that is moved whenever the rate changes. No event per iteration. A resumed job first
 * restarts (holds its GPUs without progress until {@code progressSinceNs}); the checkpoint it
 * would fall back to if preempted is tracked by {@link Checkpoints}.
 */
final class Job {
    final int index;
    final TrainingJobSpec spec;
    JobView view;
    JobState state = JobState.PENDING;
    String reason = "";
    int[] gpus;
    /** First start (waits are measured to it); {@code runStartNs} is the start of the current run. */
    long startNs;
    long runStartNs;
    long ranNs;
    double attainedGpuNs;
    int preemptions;
    long endNs;
    StepEstimate estimate;
    double iterationTimeNs;
    double iterationsDone;
    /** Progress is accrued from here; later than {@link #accruedAtNs} while the job restarts. */
    long progressSinceNs;
    /** The time of the last {@link #accrue}: remaining times are counted from it. */
    long accruedAtNs;
    final Checkpoints checkpoints = new Checkpoints();
    EventHandle completion;

    Job(int index, TrainingJobSpec spec, JobView view) {
        this.index = index;
        this.spec = spec;
        this.view = view;
    }

    /** Starts a run at {@code nowNs} that makes progress after {@code restartNs}. */
    void beginRun(long nowNs, long restartNs, long checkpointIntervalNs) {
        runStartNs = nowNs;
        accruedAtNs = nowNs;
        progressSinceNs = nowNs + restartNs;
        checkpoints.beginRun(progressSinceNs, checkpointIntervalNs, iterationsDone);
    }

    /** Adds the progress made since the last rate change, up to {@code nowNs}. */
    void accrue(long nowNs) {
        if (state == JobState.RUNNING && nowNs > progressSinceNs) {
            double before = iterationsDone;
            iterationsDone = Math.min(spec.iterations(), before + (nowNs - progressSinceNs) / iterationTimeNs);
            checkpoints.advance(progressSinceNs, before, nowNs, iterationsDone, iterationTimeNs);
        }
        progressSinceNs = Math.max(progressSinceNs, nowNs);
        accruedAtNs = nowNs;
    }

    /** Nanoseconds from the last accrual to the end at the current rate (restart left included), rounded up. */
    long remainingNs() {
        double remaining = Math.max(0, spec.iterations() - iterationsDone);
        // Saturating: a job slow enough to end after the clock's span ends "never", not at a wrapped time.
        return SimTime.add(Math.max(0, progressSinceNs - accruedAtNs), SimTime.ceilNs(remaining * iterationTimeNs));
    }

    double fractionDone(long nowNs) {
        double done = iterationsDone;
        if (state == JobState.RUNNING && nowNs > progressSinceNs) {
            done = Math.min(spec.iterations(), done + (nowNs - progressSinceNs) / iterationTimeNs);
        }
        return done / spec.iterations();
    }
}
