package dev.fleetsim.engine.observe;

/**
 * Watches a run while it runs, and may stop it: the desktop app draws live charts from it, the
 * command line draws its progress bar with it. Everything it receives is an immutable value; it
 * is called on the simulation's own thread, between events, so it must be quick (a UI hands the
 * values to its own thread). Nothing an observer does changes the run's results: samples are
 * read from the state the run keeps anyway, never scheduled as events.
 *
 * <ul>
 *   <li>{@link #sample} at most as often as {@link #sampleRate()} allows: the cluster's state
 *   (utilisation, queue, power, cost, link loads) at an instant where it changed;</li>
 *   <li>{@link #jobEvent} at every start, preemption, finish and rejection;</li>
 *   <li>{@link #progress} every few thousand events and once at the end;</li>
 *   <li>{@link #cancelled} checked every few thousand events: true stops the run, which then
 *   throws {@code RunCancelledException} and produces no result.</li>
 * </ul>
 */
public interface SimulationObserver {

    /** An observer that watches nothing and never cancels. */
    SimulationObserver NONE = new SimulationObserver() {
    };

    /** How often this observer wants samples; asked once, when the run starts. */
    default SampleRate sampleRate() {
        return SampleRate.DEFAULT;
    }

    default void sample(SimulationSample sample) {
    }

    default void jobEvent(JobEvent event) {
    }

    default void progress(RunProgress progress) {
    }

    default boolean cancelled() {
        return false;
    }
}
