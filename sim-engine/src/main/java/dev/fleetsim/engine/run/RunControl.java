package dev.fleetsim.engine.run;

/**
 * How a caller watches and stops a run: progress callbacks every few thousand events (never
 * affecting results) and a cancel flag checked between events.
 */
public interface RunControl {

    /** @param fraction done in [0, 1]: simulated time over the horizon, or ended jobs over all jobs */
    void progress(double fraction, long simulatedNowNs, int jobsEnded, int jobsTotal);

    boolean cancelled();

    RunControl NONE = new RunControl() {
        @Override
        public void progress(double fraction, long simulatedNowNs, int jobsEnded, int jobsTotal) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}
