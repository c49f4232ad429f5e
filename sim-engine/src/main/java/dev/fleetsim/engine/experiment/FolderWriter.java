package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.run.RunCancelledException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes finished points' folders on threads of its own, so a sweep's simulation threads never
 * wait on the disk: every file is forced to disk before it is renamed into place, and those syncs
 * (several milliseconds a point, more on a busy disk) would otherwise idle a core each time. A
 * bounded number of folders waits at once (the simulations block when the disk falls behind), and
 * {@link #close} waits for every one, so a sweep — finished, failed or cancelled — returns only
 * when every point it reports finished is on disk. The files and their order are exactly what a
 * direct write gives; only the thread differs.
 */
final class FolderWriter implements AutoCloseable, SweepPoints.FolderWrites {
    private final ExecutorService pool;
    private final Semaphore waiting;
    private final List<Future<?>> writes = new ArrayList<>();
    /** The first folder that could not be written: later points stop at once rather than run for nothing. */
    private volatile IOException failed;

    /** {@code threads} writers, at most {@code queued} folders waiting for one. */
    FolderWriter(int threads, int queued) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fleetsim-sweep-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.waiting = new Semaphore(queued);
    }

    @Override
    public void write(Path dir, Map<String, AtomicFiles.Content> files) throws IOException {
        IOException f0 = failed;
        if (f0 != null) {
            throw f0;
        }
        try {
            waiting.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException(0);
        }
        try {
            Future<?> f = pool.submit(() -> {
                try {
                    SweepPoints.write(dir, files);
                } catch (IOException e) {
                    if (failed == null) {
                        failed = e;
                    }
                    throw new UncheckedIOException(e);
                } finally {
                    waiting.release();
                }
            });
            synchronized (writes) {
                writes.add(f);
            }
        } catch (RuntimeException e) {
            waiting.release();
            throw e;
        }
    }

    /** Waits for every folder handed in; the first failure (in hand-in order) is thrown. */
    @Override
    public void close() throws IOException {
        pool.shutdown();
        List<Future<?>> all;
        synchronized (writes) {
            all = new ArrayList<>(writes);
        }
        IOException failure = null;
        boolean interrupted = false;
        for (Future<?> f : all) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    // Finish waiting: returning early would report points whose folders are not there yet.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        Throwable c = e.getCause();
                        failure = c instanceof UncheckedIOException ? ((UncheckedIOException) c).getCause()
                                : new IOException(c.getMessage(), c);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
