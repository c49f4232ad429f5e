package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Result folders from the command line: never mixed with an old run, never outside runs/, refused with a reason. */
class ResultFolderCliTest {
    private static final String QUICKSTART = TestPaths.scenarios().resolve("quickstart.yaml").toString();

    @Test
    void aRerunWithoutChartsLeavesNoOldChartBesideTheNewSummary(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q");
        assertEquals(0, fleetsim("run", QUICKSTART, "--out", out.toString(), "--quiet").exit());
        assertTrue(Files.exists(out.resolve("queue.png")));
        CliRunner.Outcome again = fleetsim("run", QUICKSTART, "--out", out.toString(), "--quiet", "--no-charts", "--seed", "2");
        assertEquals(0, again.exit(), again.err());
        assertFalse(Files.exists(out.resolve("queue.png")), "the old run's chart is gone");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"seed\" : 2"));
    }

    @Test
    void anEmptyOutAndAFolderOfOtherFilesAreRefusedWithTheReason(@TempDir Path tmp) throws Exception {
        CliRunner.Outcome empty = fleetsim("run", QUICKSTART, "--out", "", "--quiet");
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("--out: found an empty path"), empty.err());

        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        CliRunner.Outcome foreign = fleetsim("run", QUICKSTART, "--out", mine.toString(), "--quiet");
        assertEquals(2, foreign.exit());
        assertTrue(foreign.err().contains("will not write results over " + mine) && foreign.err().contains("notes.txt"),
                foreign.err());
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));

        Files.writeString(tmp.resolve("afile"), "x");
        CliRunner.Outcome blocked = fleetsim("run", QUICKSTART, "--out", tmp.resolve("afile").resolve("q").toString(), "--quiet");
        assertEquals(2, blocked.exit());
        assertTrue(blocked.err().contains("not a folder"), blocked.err());
        assertFalse(blocked.err().contains("\tat "), "no stack trace");
    }
}
