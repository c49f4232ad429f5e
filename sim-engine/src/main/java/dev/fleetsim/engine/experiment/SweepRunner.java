package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunCancelledException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the points of a sweep on a pool of threads and keeps their results by position, never by
 * completion order, so the outcome is the same on 1 thread or 64. Each point is one task: a pure
 * function of the point (its scenario) to its result, which is what lets another runner (a Spark
 * job, one task per point) compute the same points and get the same files. The runner adds what
 * every front end needs around the tasks: progress with an ETA, one cancel for all, and the first
 * failure (by position) rethrown as it was.
 */
public final class SweepRunner {
    private static final long PROGRESS_EVERY_NS = 100_000_000L;

    private SweepRunner() {
    }

    /** What a point's task gets: its index, an observer for its simulation, and a way to say it reused old results. */
    public interface PointContext {
        int index();

        /** The observer to run the point's simulation with: it feeds the sweep's progress and cancel. */
        SimulationObserver observer();

        /** The point's results were already on disk (an earlier sweep's): it costs no work. */
        void reused();
    }

    /** One point's work. */
    @FunctionalInterface
    public interface PointTask<R> {
        R run(PointContext context) throws Exception;
    }

    /**
     * Runs points {@code 0 .. points-1} on {@code threads} threads.
     *
     * @return the results in point order
     * @throws RunCancelledException when the observer cancels
     */
    public static <R> List<R> run(int points, int threads, PointTask<R> task, SweepObserver observer) {
        Tracker tracker = new Tracker(points, observer);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, Math.max(1, points))),
                daemonThreads());
        try {
            List<Future<R>> futures = new ArrayList<>(points);
            for (int i = 0; i < points; i++) {
                futures.add(pool.submit(callable(i, task, tracker)));
            }
            List<R> out = new ArrayList<>(points);
            RuntimeException failure = null;
            for (Future<R> f : futures) {
                try {
                    out.add(await(f));
                } catch (RuntimeException e) {
                    // The earliest failing point wins, whatever finished first; stop the rest.
                    if (failure == null) {
                        failure = e;
                        tracker.abort();
                    }
                    out.add(null);
                }
            }
            if (failure != null) {
                throw failure;
            }
            // A cancel that came after the last check of a short point still means: nothing to report.
            if (observer.cancelled()) {
                throw new RunCancelledException(0);
            }
            tracker.report(true);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> Callable<R> callable(int index, PointTask<R> task, Tracker tracker) {
        return () -> {
            if (tracker.stopped()) {
                throw new RunCancelledException(0);
            }
            tracker.started(index);
            boolean[] reused = {false};
            SimulationObserver observer = new SimulationObserver() {
                @Override
                public SampleRate sampleRate() {
                    return SampleRate.NONE;
                }

                @Override
                public void progress(RunProgress p) {
                    tracker.fraction(index, p.fraction());
                }

                @Override
                public boolean cancelled() {
                    return tracker.stopped();
                }
            };
            PointContext context = new PointContext() {
                @Override
                public int index() {
                    return index;
                }

                @Override
                public SimulationObserver observer() {
                    return observer;
                }

                @Override
                public void reused() {
                    reused[0] = true;
                }
            };
            R result = task.run(context);
            tracker.finished(index, reused[0]);
            return result;
        };
    }

    /** The task's value; its own exception (a cancel, a policy violation) is rethrown as it was. */
    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException(0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new SweepPointException(cause);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fleetsim-sweep-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Progress bookkeeping shared by the workers; every method is synchronised, so the observer sees one call at a time. */
    private static final class Tracker {
        private final SweepObserver observer;
        private final double[] fractions;
        private final boolean[] reused;
        private final boolean[] running;
        private final AtomicBoolean aborted = new AtomicBoolean();
        private final long startNs = System.nanoTime();
        private int done;
        private int reusedCount;
        private int runningCount;
        private long lastReportNs;

        Tracker(int points, SweepObserver observer) {
            this.observer = observer;
            this.fractions = new double[points];
            this.reused = new boolean[points];
            this.running = new boolean[points];
        }

        boolean stopped() {
            return aborted.get() || observer.cancelled();
        }

        void abort() {
            aborted.set(true);
        }

        synchronized void started(int index) {
            running[index] = true;
            runningCount++;
        }

        synchronized void fraction(int index, double f) {
            fractions[index] = Math.max(fractions[index], Math.min(1.0, f));
            report(false);
        }

        synchronized void finished(int index, boolean wasReused) {
            fractions[index] = 1.0;
            running[index] = false;
            runningCount--;
            done++;
            if (wasReused) {
                reused[index] = true;
                reusedCount++;
            }
            observer.pointDone(index, wasReused);
            report(true);
        }

        synchronized void report(boolean always) {
            long now = System.nanoTime();
            if (!always && now - lastReportNs < PROGRESS_EVERY_NS) {
                return;
            }
            lastReportNs = now;
            int work = fractions.length - reusedCount;
            double sum = 0;
            for (int i = 0; i < fractions.length; i++) {
                if (!reused[i]) {
                    sum += fractions[i];
                }
            }
            double fraction = work == 0 ? 1.0 : sum / work;
            double elapsedS = (now - startNs) / 1e9;
            // No ETA from the first instants' noise: wait for a second of pace and a percent of the work.
            double eta = fraction >= 1 ? 0 : fraction >= 0.01 && elapsedS >= 1 ? elapsedS * (1 - fraction) / fraction
                    : Double.NaN;
            observer.progress(new SweepProgress(fractions.length, done, reusedCount, runningCount, fraction, elapsedS, eta));
        }
    }
}
