package dev.fleetsim.engine.scheduling;

import java.util.List;

/**
 * The running jobs of a round, in the order of {@link SchedulingContext#running()}, read one
 * figure at a time: a policy that ranks every running job each round (by attained service, by
 * start time) reads these few numbers, and builds the full {@link RunningJobView} only of the
 * jobs it looks at closely. Every figure equals the one of the job's view.
 */
public interface RunningJobs {

    int size();

    /** What the {@code i}-th running job is and asks for. */
    JobTraits job(int i);

    /** When its current run started ({@link RunningJobView#startTimeNs()}). */
    long startTimeNs(int i);

    /** GPU-time received so far, this run included ({@link RunningJobView#attainedGpuSeconds()}). */
    double attainedGpuSeconds(int i);

    /** Its view, the same object as {@code running().get(i)}. */
    RunningJobView view(int i);

    /** The figures read from views already built. */
    static RunningJobs of(List<RunningJobView> views) {
        return new RunningJobs() {
            @Override
            public int size() {
                return views.size();
            }

            @Override
            public JobTraits job(int i) {
                return views.get(i).job();
            }

            @Override
            public long startTimeNs(int i) {
                return views.get(i).startTimeNs();
            }

            @Override
            public double attainedGpuSeconds(int i) {
                return views.get(i).attainedGpuSeconds();
            }

            @Override
            public RunningJobView view(int i) {
                return views.get(i);
            }
        };
    }
}
