package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fleetsim sweep} end to end: validation with paths, a dry run, the files, and a resume. */
class SweepCommandTest {

    private static Path experiment(Path dir, String axes) throws Exception {
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, "name: grid\nscenario: " + TestPaths.scenarios().resolve("quickstart.yaml") + "\n" + axes);
        return file;
    }

    @Test
    void aSweepWritesItsTablesChartsAndPointsAndResumes(@TempDir Path tmp) throws Exception {
        Path file = experiment(tmp, "axes:\n  policy: [fifo, las]\n  nodes: [12, 16]\nseeds: 1..2\n");
        CliRunner.Outcome dry = fleetsim("sweep", file.toString(), "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().startsWith("Experiment grid: 8 points over policy x nodes x seed"), dry.out());
        assertTrue(dry.out().contains("  policy=fifo,nodes=12,seed=1\n"), dry.out());

        Path out = tmp.resolve("out");
        CliRunner.Outcome o = fleetsim("sweep", file.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("Experiment grid: 8 points (4 configurations x 2 seeds) on 2 threads in "), o.out());
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(1 + 8, rows.size());
        assertTrue(rows.get(0).startsWith("point,policy,nodes,seed,jobs,finished,rejected,mean_jct_s,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("\"policy=fifo,nodes=12,seed=1\",fifo,12,1,301,301,0,"), rows.get(1));
        assertEquals(1 + 4 * dev.fleetsim.engine.metrics.SummaryMetric.ALL.size(),
                Files.readAllLines(out.resolve("sweep-summary.csv")).size());
        assertNotNull(ImageIO.read(out.resolve("mean_jct_s-by-nodes.png").toFile()));
        assertTrue(Files.exists(out.resolve("points/policy=las,nodes=16,seed=2/summary.json")));
        assertTrue(Files.readString(out.resolve("experiment.yaml")).contains("nodes:"));
        assertTrue(Files.exists(out.resolve("sweep.json")));

        // again: every point is read back, and the tables are the same bytes
        byte[] csv = Files.readAllBytes(out.resolve("sweep.csv"));
        CliRunner.Outcome again = fleetsim("sweep", file.toString(), "--out", out.toString(), "--threads", "1", "--no-charts");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("; 8 reused from an earlier run"), again.out());
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("sweep.csv")));
    }

    @Test
    void aBadExperimentNamesEachProblemByAxisValueAndPath(@TempDir Path tmp) throws Exception {
        Path file = experiment(tmp, "axes:\n  nodes: [12, 0]\n  cluster.fabric.oversubscriptoin: [2]\n  colour: [red]\n");
        CliRunner.Outcome o = fleetsim("sweep", file.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("is not a valid experiment"), o.err());
        assertTrue(o.err().contains("axes.colour: found unknown axis \"colour\""), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(tmp.resolve("x")), "nothing runs, nothing is written");
        Path fixed = experiment(tmp, "axes:\n  nodes: [12, 0]\n  cluster.fabric.oversubscriptoin: [2]\n");
        CliRunner.Outcome paths = fleetsim("sweep", fixed.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, paths.exit());
        assertTrue(paths.err().contains("axes.nodes[1] = 0: cluster.nodeGroups[0].count: found 0"), paths.err());
        assertTrue(paths.err().contains("axes.cluster.fabric.oversubscriptoin[0] = 2: cluster.fabric.oversubscriptoin: "
                + "found unknown key"), paths.err());
        assertTrue(paths.err().contains("(did you mean oversubscription?)"), paths.err());
    }
}
