package dev.fleetsim.engine.run;

/** Where a job is in its life: submitted jobs queue, run, and finish; a job no GPU type can hold is rejected. */
public enum JobState {
    PENDING, QUEUED, RUNNING, FINISHED, REJECTED
}
