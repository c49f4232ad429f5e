package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;

import java.util.List;

/**
 * What a length-aware policy (SJF, SRTF, backfill) takes a job's length to be: the true length
 * (its iterations at the engine's ideal iteration time, which a real scheduler never knows) or
 * the user's estimate ({@code estimate:} on the job). A job without an estimate counts as
 * endless under {@code estimate}: it goes after every job that has one.
 */
public enum LengthBasis {
    TRUE, ESTIMATE;

    static final List<String> NAMES = List.of("true", "estimate");

    static LengthBasis from(Params params) {
        return params.choice("length", "true", NAMES).equals("true") ? TRUE : ESTIMATE;
    }

    /** Seconds left for a queued job. */
    public double remainingSeconds(JobView job) {
        return this == TRUE ? job.remainingIdealSeconds() : job.remainingEstimateSeconds().orElse(Double.POSITIVE_INFINITY);
    }

    /** Seconds left for a running job. */
    public double remainingSeconds(RunningJobView job) {
        return this == TRUE ? job.remainingIdealSeconds() : job.remainingEstimateSeconds().orElse(Double.POSITIVE_INFINITY);
    }
}
