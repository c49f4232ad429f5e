package dev.fleetsim.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's command: a bad experiment is refused with every problem named before Spark
 * starts; a good one runs on its own {@code local[2]} Spark and leaves a complete sweep folder.
 */
class SparkSweepMainTest {
    @Test
    void aBadExperimentIsNamedAndNothingStarts(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, SparkSweepTest.experiment("").replace("nodes: [10, 12]", "nodes: [10, 0]")
                .replace("policy: [fifo, backfill]", "policy: [fifo, nope]"));
        Captured c = capture(() -> SparkSweepMain.execute(file.toString(), "--out", tmp.resolve("out").toString()));
        assertEquals(SparkSweepMain.EXIT_BAD_INPUT, c.code, c.err);
        assertTrue(c.err.contains("is not a valid experiment"), c.err);
        assertTrue(c.err.contains("axes.nodes[1] = 0"), c.err);
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");

        Captured missing = capture(() -> SparkSweepMain.execute(tmp.resolve("none.yaml").toString()));
        assertEquals(SparkSweepMain.EXIT_BAD_INPUT, missing.code);
        assertTrue(missing.err.contains("no such file"), missing.err);
    }

    @Test
    void aGoodExperimentRunsOnItsOwnLocalSparkAndLeavesACompleteSweep(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, SparkSweepTest.experiment("charts: false").replace("seeds: 1..2", "seeds: 1"));
        Path out = tmp.resolve("out");
        Captured c = capture(() -> SparkSweepMain.execute(file.toString(), "--out", out.toString(), "--master", "local[2]",
                "--conf", "spark.driver.host=127.0.0.1"));
        assertEquals(SparkSweepMain.EXIT_OK, c.code, c.err);
        assertTrue(Files.exists(out.resolve("sweep.json")) && Files.exists(out.resolve("sweep.csv")));
        assertEquals(5, Files.readAllLines(out.resolve("sweep.csv")).size(), "a header and 4 points");
        assertTrue(c.out.contains("Results in " + out), c.out);
    }

    private record Captured(int code, String out, String err) {
    }

    @FunctionalInterface
    private interface Command {
        int run() throws Exception;
    }

    private static Captured capture(Command command) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = command.run();
            return new Captured(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
