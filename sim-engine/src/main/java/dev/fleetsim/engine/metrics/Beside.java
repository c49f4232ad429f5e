package dev.fleetsim.engine.metrics;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value computed on a helper thread beside the caller's own work, for the few large and
 * independent pieces of a run's start and end (the façade while the command line parses, half of
 * {@code jobs.csv}, the tenants' figures of the summary): they are otherwise one thread's work
 * while the machine's other cores wait.
 * The value is what the caller would have computed itself, so results do not depend on it;
 * {@link #join} throws what the work threw. Work below {@link #MIN_ITEMS} items is not worth a
 * thread, so {@link #of} leaves it to {@link #join}, on the caller's thread.
 *
 * @param <T> the value
 */
public final class Beside<T> {
    /** Items (jobs, rows) below which a helper thread costs more than it saves. */
    public static final int MIN_ITEMS = 20_000;

    private final Callable<T> work;
    private final FutureTask<T> task;

    private Beside(Callable<T> work, boolean started) {
        this.work = work;
        this.task = started ? new FutureTask<>(work) : null;
        if (started) {
            Thread t = new Thread(task, "fleetsim-beside");
            t.setDaemon(true);
            t.start();
        }
    }

    /** {@code work} on a helper thread from now. */
    public static <T> Beside<T> start(Callable<T> work) {
        return new Beside<>(work, true);
    }

    /** {@code work} over {@code items} items: on a helper thread from now when there are at least {@link #MIN_ITEMS}. */
    public static <T> Beside<T> of(int items, Callable<T> work) {
        return new Beside<>(work, items >= MIN_ITEMS);
    }

    /** The value, waiting for the helper thread if there is one (or computing it now if not). */
    public T join() {
        try {
            if (task == null) {
                return work.call();
            }
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        if (cause instanceof java.io.IOException) {
            return new java.io.UncheckedIOException((java.io.IOException) cause);
        }
        return new IllegalStateException(cause);
    }
}
