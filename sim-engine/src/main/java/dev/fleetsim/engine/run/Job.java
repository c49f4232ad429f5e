package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.perf.StepEstimate;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * A training job's runtime state. Progress is fluid: between rate changes the job advances at
 * {@code 1 / iterationTimeNs} iterations per nanosecond, and its completion is one scheduled
 * event that is moved whenever the rate changes. No event per iteration.
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
    long progressSinceNs;
    EventHandle completion;

    Job(int index, TrainingJobSpec spec, JobView view) {
        this.index = index;
        this.spec = spec;
        this.view = view;
    }

    /** Adds the progress made since the last rate change, up to {@code nowNs}. */
    void accrue(long nowNs) {
        if (state == JobState.RUNNING && nowNs > progressSinceNs) {
            iterationsDone = Math.min(spec.iterations(), iterationsDone + (nowNs - progressSinceNs) / iterationTimeNs);
        }
        progressSinceNs = nowNs;
    }

    /** Nanoseconds to finish the remaining iterations at the current rate, rounded up. */
    long remainingNs() {
        double remaining = Math.max(0, spec.iterations() - iterationsDone);
        return (long) Math.ceil(remaining * iterationTimeNs);
    }

    double fractionDone(long nowNs) {
        double done = iterationsDone;
        if (state == JobState.RUNNING) {
            done = Math.min(spec.iterations(), done + (nowNs - progressSinceNs) / iterationTimeNs);
        }
        return done / spec.iterations();
    }
}
