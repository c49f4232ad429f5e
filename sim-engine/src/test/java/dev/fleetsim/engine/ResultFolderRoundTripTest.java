package dev.fleetsim.engine;

import dev.fleetsim.engine.metrics.Csv;
import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.metrics.ExplainText;
import dev.fleetsim.engine.metrics.ResultFolderException;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A results folder read back ({@link Fleetsim#openResults}) is the run it was written from, at
 * the files' precision: writing the records read back gives the same bytes, file by file. A
 * folder that is not a complete run is refused with the file and what is missing.
 */
class ResultFolderRoundTripTest {
    private static final long S = 1_000_000_000L;
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();

    @TempDir
    static Path dir;
    private static RunResult written;

    /** 20 jobs of 4 to 16 GPUs on 2 nodes (the 16-GPU ones cross the NICs: links.csv), and two explained decisions. */
    @BeforeAll
    static void writeAFolder() throws Exception {
        TrainingJobSpec four = Scenarios.dataParallelJob("p", ModelCatalog.find("gpt-1.3b").orElseThrow(), 4, 16, 1, 0, "x");
        TrainingJobSpec wide = Scenarios.dataParallelJob("w", ModelCatalog.find("gpt-1.3b").orElseThrow(), 16, 64, 1, 0, "x");
        GeneratorSpec g = new GeneratorSpec("g", 20, 0, 300 * S,
                List.of(new JobTemplateSpec("four", 3, four, 200, 2000), new JobTemplateSpec("wide", 1, wide, 100, 300)),
                List.of("a", "b, with a comma"));
        ScenarioSpec spec = Scenarios.of("roundtrip", 3, Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC),
                List.of(), List.of(g), new PolicySpec("in-order", Map.of()));
        RunResult run = FLEETSIM.run(spec, SimulationObserver.NONE);
        String first = run.jobs().get(0).id();
        List<DecisionRecord> decisions = List.of(
                new DecisionRecord(0, first, "waited", "capacity", Map.of("blockedBy", List.of("a", "b"), "score", 1.5)),
                new DecisionRecord(60 * S, first, "started", "placed", Map.of("constraints", Map.of("locality", -2))));
        written = new RunResult(run.scenario(), run.summary(), run.jobs(), run.timeseries(), decisions, run.links());
        FLEETSIM.writeResults(written, dir, false);
    }

    @Test
    void everyFileReadBackWritesTheSameBytes() throws Exception {
        RunResult read = FLEETSIM.openResults(dir);

        assertEquals(written.summary(), read.summary());
        assertJobsAgree(Files.readString(dir.resolve(ResultWriter.JOBS)), ResultWriter.jobsCsv(read.jobs()));
        assertEquals(Files.readString(dir.resolve(ResultWriter.TIMESERIES)), ResultWriter.timeseriesCsv(read.timeseries()));
        assertEquals(Files.readString(dir.resolve(ResultWriter.DECISIONS)), ResultWriter.decisionsJsonl(read.decisions()));
        assertTrue(!written.links().isEmpty(), "the wide jobs' rings cross the NICs");
        assertEquals(Files.readString(dir.resolve(ResultWriter.LINKS)), ResultWriter.linksCsv(read.links()));
        assertEquals(written.scenario().cluster(), read.scenario().cluster());
        assertEquals(written.scenario().name(), read.scenario().name());
        for (int i = 0; i < written.jobs().size(); i++) {
            assertEquals(written.jobs().get(i).placement(), read.jobs().get(i).placement());
            assertEquals(written.jobs().get(i).startNs().isPresent(), read.jobs().get(i).startNs().isPresent());
        }
    }

    /**
     * Byte for byte, except wait and JCT: the file has them from nanoseconds, the records read back
     * from the millisecond times, so they may differ in the last digit.
     */
    private static void assertJobsAgree(String file, String again) {
        List<String[]> a = Csv.parse(file);
        List<String[]> b = Csv.parse(again);
        assertEquals(a.size(), b.size());
        List<String> header = List.of(a.get(0));
        for (int r = 0; r < a.size(); r++) {
            for (int c = 0; c < header.size(); c++) {
                if (r > 0 && (header.get(c).equals("wait_s") || header.get(c).equals("jct_s"))) {
                    assertEquals(Double.parseDouble(a.get(r)[c]), Double.parseDouble(b.get(r)[c]), 0.0011, header.get(c));
                } else {
                    assertEquals(a.get(r)[c], b.get(r)[c], "line " + (r + 1) + " column " + header.get(c));
                }
            }
        }
    }

    @Test
    void theExplanationOfARunAndOfItsFolderIsOneText() throws Exception {
        RunResult read = FLEETSIM.openResults(dir);
        String id = written.jobs().get(0).id();
        String live = ResultOpening.explain(written, id).orElseThrow();

        assertEquals(live, ResultOpening.explain(read, id).orElseThrow());
        assertTrue(live.startsWith("id                     " + id + System.lineSeparator()), live);
        assertTrue(live.contains("decisions:"), live);
        assertTrue(live.contains("t=60.000 s  started  placed"), live);
        assertTrue(live.contains("    blockedBy:" + System.lineSeparator() + "      - a"), live);
        assertTrue(live.contains("    constraints:" + System.lineSeparator() + "      locality: -2"), live);
        String other = written.jobs().get(1).id();
        assertTrue(ResultOpening.explain(written, other).orElseThrow().contains("no decisions recorded for " + other));
        assertTrue(ResultOpening.explain(written, "no-such-job").isEmpty());
        assertEquals(ExplainText.of(written.jobs().get(0), written.decisions()), live);
    }

    @Test
    void aFolderWithoutItsSummaryIsNotAResult(@TempDir Path other) throws Exception {
        for (String f : List.of(ResultWriter.JOBS, ResultWriter.TIMESERIES, ResultWriter.SCENARIO)) {
            Files.copy(dir.resolve(f), other.resolve(f));
        }
        ResultFolderException e = assertThrows(ResultFolderException.class, () -> FLEETSIM.openResults(other));
        assertTrue(e.getMessage().contains("found no summary.json"), e.getMessage());
        assertThrows(ResultFolderException.class, () -> FLEETSIM.openResults(other.resolve("missing")));
    }

    @Test
    void aBrokenTableNamesItsFileLineAndColumn(@TempDir Path other) throws Exception {
        for (String f : List.of(ResultWriter.SUMMARY, ResultWriter.TIMESERIES, ResultWriter.SCENARIO)) {
            Files.copy(dir.resolve(f), other.resolve(f));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(ResultWriter.JOBS)));
        lines.set(1, lines.get(1).replaceFirst(",FINISHED,\\d+,", ",FINISHED,many,"));
        Files.write(other.resolve(ResultWriter.JOBS), lines);

        ResultFolderException e = assertThrows(ResultFolderException.class, () -> FLEETSIM.openResults(other));
        assertTrue(e.getMessage().contains("\"many\" in column gpus of line 2; expected a number"), e.getMessage());
    }
}
