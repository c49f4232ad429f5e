package dev.fleetsim.engine.experiment;

/**
 * How a front end watches and stops a sweep (or a comparison, which is a sweep over policies
 * and seeds). {@link #progress} is called at most ten times a wall-clock second, and once more at
 * every finished point; calls come from the runner's worker threads one at a time (the runner
 * serialises them), so an implementation needs no locking of its own but must not block.
 * {@link #cancelled()} is polled by every running simulation between two events: returning true
 * stops every point, and the sweep throws {@code RunCancelledException}.
 */
public interface SweepObserver {

    default void progress(SweepProgress progress) {
    }

    /** Point {@code index} (expansion order) finished; {@code reused}: its results were on disk already. */
    default void pointDone(int index, boolean reused) {
    }

    boolean cancelled();

    /** Watches nothing and never cancels. */
    SweepObserver NONE = () -> false;
}
