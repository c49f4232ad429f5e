package dev.fleetsim.spark;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.experiment.Point;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.experiment.SweepPoints;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.metrics.ResultFolder;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark runner on {@code local[*]} against the local runner: the same experiment gives the
 * same files byte for byte (every point folder, {@code sweep.csv}, the summary, the charts,
 * {@code sweep.json}), with one Spark task per point; a sweep some of whose points are already on
 * disk runs only the others and still matches the local runner resuming the same folder.
 */
class SparkSweepTest {
    private static JavaSparkContext spark;
    private static final AtomicInteger TASKS = new AtomicInteger();
    private static final Fleetsim FLEETSIM = Fleetsim.create();

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(TestSpark.conf("local[*]"));
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                TASKS.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    /** The quickstart under 2 policies x 2 sizes x 2 seeds: 8 points, charts on. */
    static String experiment(String extra) {
        return String.join("\n",
                "name: spark-small",
                "scenario: " + TestSpark.root().resolve("scenarios/quickstart.yaml"),
                "axes:",
                "  policy: [fifo, backfill]",
                "  nodes: [10, 12]",
                "seeds: 1..2",
                extra,
                "");
    }

    private static ExperimentPlan plan(String text) throws Exception {
        return FLEETSIM.validateExperiment(text, "spark-small.yaml", TestSpark.root()).orThrow();
    }

    @Test
    void aSparkRunWritesTheLocalRunnersFilesByteForByteWithOneTaskPerPoint(@TempDir Path tmp) throws Exception {
        ExperimentPlan plan = plan(experiment(""));
        Path local = tmp.resolve("local");
        SweepResult l = FLEETSIM.sweep(plan, local, 2, SweepObserver.NONE);
        FLEETSIM.writeSweep(l, local, true, () -> false);

        Path viaSpark = tmp.resolve("spark");
        int before = TASKS.get();
        SweepResult s = SparkSweep.run(spark, FLEETSIM, plan, viaSpark, SweepObserver.NONE);
        FLEETSIM.writeSweep(s, viaSpark, true, () -> false);
        awaitListener(before + plan.points().size());
        assertEquals(plan.points().size(), TASKS.get() - before, "one task per point");
        assertEquals(0, s.reused());

        Map<String, byte[]> expected = tree(local);
        assertTrue(expected.keySet().stream().anyMatch(n -> n.endsWith(".png")), "the charts are compared too: " + expected.keySet());
        assertTrue(expected.containsKey("sweep.csv") && expected.containsKey("sweep.json"));
        assertSameTree(expected, tree(viaSpark));

        // Run again: every point is on disk, no task runs, and the files are the local runner's resumed ones.
        before = TASKS.get();
        SweepResult again = SparkSweep.run(spark, FLEETSIM, plan, viaSpark, SweepObserver.NONE);
        FLEETSIM.writeSweep(again, viaSpark, true, () -> false);
        assertEquals(plan.points().size(), again.reused());
        assertEquals(before, TASKS.get(), "a finished sweep starts no task");
        SweepResult localAgain = FLEETSIM.sweep(plan, local, 2, SweepObserver.NONE);
        FLEETSIM.writeSweep(localAgain, local, true, () -> false);
        assertSameTree(tree(local), tree(viaSpark));
    }

    @Test
    void anInterruptedSweepResumesOnSparkRunningOnlyItsMissingPointsWithFullOutputs(@TempDir Path tmp) throws Exception {
        ExperimentPlan plan = plan(experiment("fullOutputs: true\ncharts: false"));
        Path complete = tmp.resolve("complete");
        FLEETSIM.writeSweep(FLEETSIM.sweep(plan, complete, 2, SweepObserver.NONE), complete, false, () -> false);

        // Two folders that hold the same three finished points, as a killed sweep leaves them.
        List<Point> kept = List.of(plan.points().get(0), plan.points().get(3), plan.points().get(6));
        Path local = tmp.resolve("local");
        Path viaSpark = tmp.resolve("spark");
        for (Path d : List.of(local, viaSpark)) {
            for (Point p : kept) {
                copyTree(SweepPoints.folder(complete, p), SweepPoints.folder(d, p));
            }
            Files.writeString(d.resolve(ResultFolder.MARKER), "a Fleetsim sweep folder: a later sweep may resume it\n");
        }
        SweepResult l = FLEETSIM.sweep(plan, local, 2, SweepObserver.NONE);
        FLEETSIM.writeSweep(l, local, false, () -> false);

        int before = TASKS.get();
        SweepResult s = SparkSweep.run(spark, FLEETSIM, plan, viaSpark, SweepObserver.NONE);
        FLEETSIM.writeSweep(s, viaSpark, false, () -> false);
        awaitListener(before + plan.points().size() - kept.size());
        assertEquals(kept.size(), s.reused());
        assertEquals(plan.points().size() - kept.size(), TASKS.get() - before, "only the missing points run");

        Map<String, byte[]> expected = tree(local);
        assertTrue(expected.keySet().stream().anyMatch(n -> n.endsWith("/jobs.csv")), "full outputs: " + expected.keySet());
        assertSameTree(expected, tree(viaSpark));
        // and the points are the uninterrupted sweep's
        Map<String, byte[]> all = tree(complete);
        tree(viaSpark).forEach((name, bytes) -> {
            if (name.startsWith(SweepPoints.POINTS + "/")) {
                assertArrayEquals(all.get(name), bytes, name);
            }
        });
    }

    /** Task-end events reach listeners asynchronously; wait (briefly) for the count a job implies. */
    private static void awaitListener(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (TASKS.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }

    /** Every file under {@code root} by relative path ('/'-separated). */
    static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
