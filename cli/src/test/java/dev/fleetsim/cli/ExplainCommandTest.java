package dev.fleetsim.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetsim explain} on real run folders: the quickstart scenario run once with the
 * {@code optaplanner} policy (which explains itself) and once with {@code fifo} (which does not).
 */
class ExplainCommandTest {
    @TempDir
    static Path tmp;
    private static Path optaRun;
    private static Path fifoRun;

    @BeforeAll
    static void runBoth() throws Exception {
        String quickstart = Files.readString(TestPaths.scenarios().resolve("quickstart.yaml"));
        int at = quickstart.indexOf("\npolicy:");
        assertTrue(at > 0, "quickstart has a policy section");
        int end = quickstart.indexOf("\ncost:", at);
        String opta = quickstart.substring(0, at) + "\npolicy: {name: optaplanner, params: {window: 50, steps: 50}}"
                + (end > 0 ? quickstart.substring(end) : "\n");
        Path optaFile = tmp.resolve("quickstart-opta.yaml");
        Files.writeString(optaFile, opta);
        optaRun = tmp.resolve("opta");
        fifoRun = tmp.resolve("fifo");
        CliRunner.Outcome o = fleetsim("run", optaFile.toString(), "--out", optaRun.toString(), "--quiet", "--no-charts");
        assertEquals(0, o.exit(), o.err());
        CliRunner.Outcome f = fleetsim("run", TestPaths.scenarios().resolve("quickstart.yaml").toString(), "--out", fifoRun.toString(),
                "--quiet", "--no-charts");
        assertEquals(0, f.exit(), f.err());
    }

    @Test
    void showsTheJobAndItsTimelineOfDecisions() throws Exception {
        String firstJob = Files.readAllLines(optaRun.resolve("jobs.csv")).get(1).split(",")[0];
        CliRunner.Outcome o = fleetsim("explain", optaRun.toString(), firstJob);
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("id                     " + firstJob), o.out());
        assertTrue(o.out().contains("\ndecisions:\n"), o.out());
        assertTrue(o.out().contains("placed  placed on "), o.out());
        assertTrue(o.out().contains("roundScore: "), o.out());
        // the placement in the decision is the one jobs.csv records
        List<String> csv = Files.readAllLines(optaRun.resolve("jobs.csv"));
        int column = List.of(csv.get(0).split(",")).indexOf("placement");
        String placement = csv.get(1).split(",")[column];
        assertTrue(o.out().contains("gpus: " + placement), o.out());
    }

    @Test
    void aWaitingJobSaysWhichConstraintBlockedIt() throws Exception {
        String decisions = Files.readString(optaRun.resolve("decisions.jsonl"));
        int w = decisions.indexOf("\"outcome\":\"waiting\"");
        assertTrue(w > 0, "the quickstart queue makes some job wait");
        int lineStart = decisions.lastIndexOf('\n', w) + 1;
        String line = decisions.substring(lineStart, decisions.indexOf('\n', w));
        String id = line.replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
        CliRunner.Outcome o = fleetsim("explain", optaRun.toString(), id);
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("waiting  waits: "), o.out());
        assertTrue(o.out().contains("blockedBy: "), o.out());
        assertTrue(o.out().contains("A waiting job costs its priority-weighted waiting time: "), o.out());
    }

    @Test
    void anUnknownJobIsAClearError() {
        CliRunner.Outcome o = fleetsim("explain", optaRun.toString(), "no-such-job");
        assertEquals(Main.EXIT_BAD_INPUT, o.exit());
        assertTrue(o.err().startsWith("error: JOB_ID: found \"no-such-job\"; expected a job of "), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void aRunWithoutExplanationsIsAClearError() {
        String firstJob;
        try {
            firstJob = Files.readAllLines(fifoRun.resolve("jobs.csv")).get(1).split(",")[0];
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        CliRunner.Outcome o = fleetsim("explain", fifoRun.toString(), firstJob);
        assertEquals(Main.EXIT_BAD_INPUT, o.exit());
        assertTrue(o.err().contains(": the run's policy (fifo) explains no decisions; expected a run of a policy"), o.err());
    }

    @Test
    void aFolderThatIsNoRunIsAClearError() {
        CliRunner.Outcome o = fleetsim("explain", tmp.resolve("nothing-here").toString(), "x");
        assertEquals(Main.EXIT_BAD_INPUT, o.exit());
        assertTrue(o.err().contains("which is a path that does not exist; expected a run folder written by 'fleetsim run'"), o.err());
    }
}
