package dev.fleetsim.engine.compare;

/**
 * How a caller watches and stops a comparison: each run reports its own progress (from the
 * thread that runs it, so implementations must be thread-safe), and one cancel flag stops every
 * run between two events.
 */
public interface ComparisonProgress {

    /** @param run index of the run in {@link ComparisonResult#runs()} order; fraction in [0, 1] */
    void runProgress(int run, double fraction);

    boolean cancelled();

    ComparisonProgress NONE = new ComparisonProgress() {
        @Override
        public void runProgress(int run, double fraction) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}
