package dev.fleetsim.desktop.run;

import dev.fleetsim.engine.observe.JobEvent;
import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.observe.SimulationSample;

import java.util.ArrayList;
import java.util.List;

/**
 * The observer of a run started from the desktop: it keeps what the run sends for the UI to
 * take in batches, and it is the run's pause and cancel switch. Pausing blocks the simulation's
 * own thread inside the next callback (the engine calls the observer between events, and
 * nothing an observer does changes a result), so a paused run holds its place exactly and a
 * resumed one ends with the same bytes as one never paused. Cancelling also wakes a paused run,
 * which then stops at its next check.
 */
public final class LiveRun implements SimulationObserver {
    /** Samples a wall second at most: plenty for a smooth chart, few enough to be cheap. */
    static final SampleRate RATE = new SampleRate(0, 100);

    private final Object lock = new Object();
    private final List<JobEvent> events = new ArrayList<>();
    private List<SimulationSample> pending = new ArrayList<>();
    private volatile RunProgress progress = new RunProgress(0, 0, 0, 0);
    private boolean paused;
    private boolean cancelled;
    private boolean waiting;

    @Override
    public SampleRate sampleRate() {
        return RATE;
    }

    @Override
    public void sample(SimulationSample sample) {
        gate();
        synchronized (lock) {
            pending.add(sample);
        }
    }

    @Override
    public void jobEvent(JobEvent event) {
        gate();
        events.add(event);
    }

    @Override
    public void progress(RunProgress p) {
        progress = p;
        gate();
    }

    @Override
    public boolean cancelled() {
        gate();
        synchronized (lock) {
            return cancelled;
        }
    }

    /** Blocks the simulation thread while paused. */
    private void gate() {
        synchronized (lock) {
            while (paused && !cancelled) {
                waiting = true;
                lock.notifyAll();
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
            }
            waiting = false;
        }
    }

    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    public void cancel() {
        synchronized (lock) {
            cancelled = true;
            lock.notifyAll();
        }
    }

    /** True while the simulation thread is held by a pause. */
    public boolean holding() {
        synchronized (lock) {
            return waiting;
        }
    }

    /** Waits (at most {@code timeoutMs}) until the simulation thread is held: for tests and a paused state shown truthfully. */
    public boolean awaitHeld(long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        synchronized (lock) {
            while (!waiting && paused) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return waiting;
        }
    }

    /** The samples since the last call, in order. */
    public List<SimulationSample> takeSamples() {
        synchronized (lock) {
            List<SimulationSample> out = pending;
            pending = new ArrayList<>();
            return out;
        }
    }

    public RunProgress progress() {
        return progress;
    }

    /** Every job event of the run; read it once the run has ended (it is the simulation thread's until then). */
    public List<JobEvent> events() {
        return events;
    }
}
