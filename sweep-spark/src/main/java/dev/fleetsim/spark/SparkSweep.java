package dev.fleetsim.spark;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.experiment.Point;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.experiment.SweepPoints;
import dev.fleetsim.engine.experiment.SweepProgress;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.experiment.Sweeps;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.run.RunCancelledException;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Runs a sweep's points as one Spark job, one task per point, and writes the same folder a local
 * {@code fleetsim sweep} writes. The driver prepares the folder ({@code experiment.yaml}), leaves
 * out every point already finished there (a resumed sweep), ships the resolved experiment to the
 * executors once (a broadcast), and writes each point's folder whole as its task's files arrive, so
 * a driver killed mid-way keeps every point it received and a second run resumes from them. The
 * executors only compute ({@link PointTasks}); nothing they do touches a shared file system.
 * {@link Fleetsim#writeSweep} then writes {@code sweep.csv}, the summary, the charts and
 * {@code sweep.json} from the same summaries, so the files match the local runner's byte for byte.
 */
public final class SparkSweep {
    /** Folder writes at once on the driver: each one syncs its files to disk, so a few overlap well. */
    private static final int WRITERS = 4;

    private SparkSweep() {
    }

    /**
     * Runs (or resumes) every point of {@code plan} on {@code spark} into {@code dir}.
     *
     * @throws RunCancelledException when {@code observer} cancels (the points received so far stay, for a resume)
     * @throws SparkException when a task fails for good, with the failing point's id in its message
     */
    public static SweepResult run(JavaSparkContext spark, Fleetsim fleetsim, ExperimentPlan plan, Path dir,
                                  SweepObserver observer) throws IOException, SparkException {
        long startNs = System.nanoTime();
        String experiment = fleetsim.resolvedExperiment(plan);
        Sweeps.prepare(dir, experiment);
        List<Point> points = plan.points();
        RunSummary[] summaries = new RunSummary[points.size()];
        // A point's fingerprint costs its scenario written out: checked on all the driver's cores.
        IntStream.range(0, points.size()).parallel()
                .forEach(i -> summaries[i] = SweepPoints.finished(plan, points.get(i), dir).orElse(null));
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < summaries.length; i++) {
            if (summaries[i] == null) {
                pending.add(i);
            }
        }
        int reused = points.size() - pending.size();
        Progress progress = new Progress(points.size(), reused, startNs, observer);
        for (int i = 0; i < summaries.length; i++) {
            if (summaries[i] != null) {
                observer.pointDone(i, true);
            }
        }
        progress.report();
        if (!pending.isEmpty()) {
            runPending(spark, experiment, plan, dir, pending, summaries, progress, observer);
        }
        if (observer.cancelled()) {
            throw new RunCancelledException(0);
        }
        return new SweepResult(plan, Arrays.asList(summaries), reused);
    }

    private static void runPending(JavaSparkContext spark, String experiment, ExperimentPlan plan, Path dir,
                                   List<Integer> pending, RunSummary[] summaries, Progress progress,
                                   SweepObserver observer) throws IOException, SparkException {
        Broadcast<String> shipped = spark.broadcast(experiment);
        // One element per slice: each pending point is one partition, so one task.
        RDD<Integer> rdd = spark.parallelize(pending, pending.size()).rdd();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
            Thread t = new Thread(r, "fleetsim-spark-writer");
            t.setDaemon(true);
            return t;
        });
        // filled on the scheduler's thread, read here once the job is over
        List<Future<?>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        String group = "fleetsim-sweep-" + Long.toHexString(System.nanoTime());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = cancelWatcher(spark, group, observer, running);
        try {
            spark.setJobGroup(group, "fleetsim sweep " + plan.spec().name() + ": " + pending.size() + " points", true);
            watcher.start();
            ClassTag<PointFiles> tag = ClassTag$.MODULE$.apply(PointFiles.class);
            spark.sc().runJob(rdd, new RunPoint(shipped), new AbstractFunction2<Object, PointFiles, BoxedUnit>() {
                @Override
                public BoxedUnit apply(Object partition, PointFiles files) {
                    // Called on the scheduler's thread: hand the disk work to the writers.
                    writes.add(writers.submit(() -> {
                        Point p = plan.points().get(files.index());
                        SweepPoints.write(dir, p, files.files());
                        summaries[files.index()] = ResultWriter.readSummary(
                                SweepPoints.folder(dir, p).resolve(ResultWriter.SUMMARY));
                        progress.pointDone(files.index());
                        return null;
                    }));
                    return BoxedUnit.UNIT;
                }
            }, tag);
        } catch (RuntimeException e) {
            if (observer.cancelled()) {
                throw new RunCancelledException(0);
            }
            throw e;
        } finally {
            running.set(false);
            watcher.interrupt();
            spark.clearJobGroup();
            writers.shutdown();
            awaitAll(writes);
            shipped.destroy();
        }
    }

    private static void awaitAll(List<Future<?>> writes) throws IOException {
        IOException failure = null;
        List<Future<?>> all;
        synchronized (writes) {
            all = new ArrayList<>(writes);
        }
        for (Future<?> f : all) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunCancelledException(0);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException ? (IOException) e.getCause()
                            : new IOException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Polls the observer's cancel and cancels the job's tasks when it turns true. */
    private static Thread cancelWatcher(JavaSparkContext spark, String group, SweepObserver observer, AtomicBoolean running) {
        Thread t = new Thread(() -> {
            while (running.get()) {
                if (observer.cancelled()) {
                    spark.cancelJobGroup(group);
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fleetsim-spark-cancel");
        t.setDaemon(true);
        return t;
    }

    /** A task: its partition's one point, run on the executor. Serialised to the executors with the broadcast's handle. */
    private static final class RunPoint extends AbstractFunction2<TaskContext, Iterator<Integer>, PointFiles>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<String> experiment;

        RunPoint(Broadcast<String> experiment) {
            this.experiment = experiment;
        }

        @Override
        public PointFiles apply(TaskContext context, Iterator<Integer> indices) {
            int index = indices.next();
            try {
                return PointTasks.run(experiment.value(), index, context::isInterrupted);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The driver's count of finished points, fed to the observer as the local runner feeds it. */
    private static final class Progress {
        private final int points;
        private final int reused;
        private final long startNs;
        private final SweepObserver observer;
        private int done;

        Progress(int points, int reused, long startNs, SweepObserver observer) {
            this.points = points;
            this.reused = reused;
            this.startNs = startNs;
            this.observer = observer;
            this.done = reused;
        }

        synchronized void pointDone(int index) {
            done++;
            observer.pointDone(index, false);
            report();
        }

        synchronized void report() {
            int work = points - reused;
            double fraction = work == 0 ? 1.0 : (double) (done - reused) / work;
            double elapsedS = (System.nanoTime() - startNs) / 1e9;
            double eta = fraction >= 1 ? 0 : fraction > 0 && elapsedS >= 1 ? elapsedS * (1 - fraction) / fraction : Double.NaN;
            observer.progress(new SweepProgress(points, done, reused, 0, fraction, elapsedS, eta));
        }
    }
}
