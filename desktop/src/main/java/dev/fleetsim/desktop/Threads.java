package dev.fleetsim.desktop;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the app's work runs: the UI thread (the JavaFX application thread in the app, the
 * caller's thread in view-model tests), a background pool for validation, file reading and
 * writing, and a timer for debouncing and the ≤ 10 Hz hand-over of live samples. Runs get a
 * thread of their own ({@link #newThread}), so a long simulation never queues behind an edit's
 * validation. View models take an instance, so their tests run without JavaFX.
 */
public final class Threads implements AutoCloseable {
    private final Executor ui;
    private final ExecutorService background;
    private final ScheduledExecutorService timer;
    private final boolean direct;

    private Threads(Executor ui, ExecutorService background, ScheduledExecutorService timer, boolean direct) {
        this.ui = ui;
        this.background = background;
        this.timer = timer;
        this.direct = direct;
    }

    /** The app's threads: {@code ui} is {@code Platform::runLater}. */
    public static Threads forApp(Executor ui) {
        return new Threads(ui, Executors.newFixedThreadPool(2, daemons("fleetsim-worker")),
                Executors.newSingleThreadScheduledExecutor(daemons("fleetsim-timer")), false);
    }

    /**
     * For view-model tests: everything runs at once on the caller's thread, delays are skipped,
     * and runs still get their own thread (so a test can pause one and watch).
     */
    public static Threads direct() {
        return new Threads(Runnable::run, null, null, true);
    }

    /**
     * As {@link #direct()}, but what a run hands to the UI thread goes to {@code ui}, which the test
     * drains when it chooses, as the FX thread would: a short run cannot end before the test's next step.
     */
    public static Threads directWithUi(Executor ui) {
        return new Threads(ui, null, null, true);
    }

    public Executor ui() {
        return ui;
    }

    /** Runs {@code task} off the UI thread. */
    public void background(Runnable task) {
        if (direct) {
            task.run();
        } else {
            background.execute(task);
        }
    }

    /** Runs {@code task} after {@code delayMs} (at once in tests); the handle cancels it. */
    public Cancellable later(long delayMs, Runnable task) {
        if (direct) {
            task.run();
            return () -> { };
        }
        ScheduledFuture<?> f = timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** Runs {@code task} every {@code periodMs} until cancelled; tests get no timer and call the task themselves. */
    public Cancellable every(long periodMs, Runnable task) {
        if (direct) {
            return () -> { };
        }
        ScheduledFuture<?> f = timer.scheduleAtFixedRate(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** A daemon thread of its own, for a simulation run or a comparison. */
    public Thread newThread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** Something scheduled that can be called off. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    @Override
    public void close() {
        if (!direct) {
            background.shutdownNow();
            timer.shutdownNow();
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
