package dev.fleetsim.engine.run;

import dev.fleetsim.engine.kernel.EventHandle;
import dev.fleetsim.engine.scheduling.JobTraits;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.workload.JobSpec;

/**
 * A job's runtime state in the cluster run, the same for every kind: where it is in its life,
 * the GPUs it holds, and the time and GPU-time it has had. What the job does while it holds GPUs
 * (a training job's fluid progress and checkpoints) belongs to the kind's subclass, which the
 * cluster run drives through the abstract methods below in a fixed order: {@link #begin} when a
 * run starts (GPUs allocated), {@link #started} once the run is counted, {@link #accrue} and
 * {@link #stopped} when the run ends, then {@link #preempted} or {@link #completed}.
 */
abstract class Job {
    /** What {@link #remainingNs()} returns for work with no end of its own (a serving deployment): no completion event. */
    static final long NO_END = Long.MAX_VALUE;

    final int index;
    final JobTraits traits;
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
    /** Stops by a fault or a spot reclaim of one of its nodes (each also counted in {@link #preemptions}). */
    int interruptions;
    long endNs;
    /** The one pending event that ends the current run, or null (not running, or no end in sight). */
    EventHandle completion;
    /** Neighbours in the run's list of running jobs, in start order ({@link RunningList}); null at its ends or off it. */
    Job runningPrev;
    Job runningNext;
    boolean onRunningList;

    Job(int index, JobTraits traits) {
        this.index = index;
        this.traits = traits;
        this.view = JobView.submitted(traits);
    }

    abstract JobSpec spec();

    /** A run begins at {@code nowNs} on {@link #gpus}: the job takes its rate; {@link #remainingNs()} is then valid. */
    abstract void begin(long nowNs);

    /** The run has begun and is counted; shared resources (the network) take the job in. */
    abstract void started(long nowNs);

    /** Adds the progress made since the last rate change, up to {@code nowNs}. */
    abstract void accrue(long nowNs);

    /** The run ended and its GPUs were released; shared resources let the job go. */
    abstract void stopped(long nowNs);

    /** The ended run was a preemption at {@code nowNs}: what it loses is lost. */
    abstract void preempted(long nowNs);

    /** The ended run was the job's completion at {@code nowNs}. */
    abstract void completed(long nowNs);

    /** Nanoseconds from the last accrual to the end of the run at the current rate, rounded up; {@link #NO_END}: none. */
    abstract long remainingNs();

    /** Progress in [0, 1] at {@code nowNs}. */
    abstract double fractionDone(long nowNs);

    /** Fraction of the time its GPUs compute while it runs (busy GPUs and power). */
    abstract double computeFraction();

    /** How long the work it has left takes on its ideal placement, as a queued job. */
    abstract double remainingIdealSeconds();

    /** The same for a running job at progress {@code fractionDone}. */
    abstract double remainingIdealSeconds(double fractionDone);

    /** The kind's figures for the job's record at the end of the run ({@code started}: it ever held GPUs). */
    abstract WorkFigures figures(long endOfRunNs, boolean started);
}
