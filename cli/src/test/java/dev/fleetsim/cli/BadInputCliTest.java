package dev.fleetsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7's reproducers of bad input, through the command line as a user types them (items 8
 * to 11, 15 and 16): each is a clear refusal with exit code 2, naming where, what was found and
 * what is allowed, or a correct run; never a stack trace.
 */
class BadInputCliTest extends BadInputFixture {

    @Test
    void aJobThatOutlastsTheClockIsRefusedNotReportedAsEndingAt9223372036Seconds() throws Exception {
        // submit 0 s, 10^18 iterations: the run used to "succeed" with an end time of 2^63 ns.
        Path f = file("long.yaml", SMALL.replace("iterations: 10}", "iterations: 1000000000000000000, submit: 0 s}"));

        CliRunner.Outcome o = fleetsim("run", f.toString(), "--out", tmp.resolve("out").toString(), "--quiet");

        refused(o, "simulation.horizon: found none, and 1 of 1 jobs had not ended after 100 years of simulated time; "
                + "job j, running 1,000,000,000,000,000,000 iterations at ");
        assertFalse(Files.exists(tmp.resolve("out").resolve("summary.json")), "nothing written");
        CliRunner.Outcome withHorizon = fleetsim("run", file("h.yaml", SMALL.replace("iterations: 10}",
                        "iterations: 1000000000000000000}").replace("{charts: false}", "{charts: false, horizon: 1 d}"))
                .toString(), "--out", tmp.resolve("h").toString(), "--quiet");
        assertEquals(0, withHorizon.exit(), withHorizon.err());
    }

    @Test
    void aMillionNodesAreRefusedWithTheHeapTheyNeed() throws Exception {
        Path f = file("big.yaml", SMALL.replace("count: 2,", "count: 1000000,"));

        CliRunner.Outcome o = fleetsim("validate", f.toString());

        refused(o, "cluster.nodeGroups: found 1,000,000 nodes, 8,000,000 GPUs, 48,500,000 network links and 1 job, "
                + "which need about ");
        assertTrue(o.err().contains("GB of heap; expected at most ") && o.err().contains("raise -Xmx (FLEETSIM_JAVA_OPTS=-Xmx"),
                o.err());
    }

    @Test
    void servingRequestsBeyondTheHeapAreRefusedBeforeTheRun() throws Exception {
        // 25 req/s for 1,000 days = 2,160,000,000 requests; at 200 B each (all of them may queue
        // behind an overloaded deployment) about 432 GB: refused, not an OutOfMemoryError mid-run.
        String serving = Files.readString(TestPaths.scenarios().resolve("serving.yaml"), StandardCharsets.UTF_8);
        Path f = file("flood.yaml", serving.replaceFirst("duration: 40 min", "duration: 1000 d"));

        CliRunner.Outcome o = fleetsim("run", f.toString(), "--out", tmp.resolve("flood").toString(), "--quiet");

        refused(o, "workload.services: found ");
        assertTrue(o.err().contains("serving requests, which need about ") && o.err().contains("reduce the requests"), o.err());
        assertFalse(Files.exists(tmp.resolve("flood")), "nothing written");
    }

    @Test
    void estimateCollectiveOptionsAreBoundedWithTheirNames() {
        refused(fleetsim("estimate", "collective", "--nic", "1e400 Gb/s"),
                "--nic: found \"1e400 Gb/s\"; expected from 1 Gb/s to 100 Tb/s: a bandwidth");
        refused(fleetsim("estimate", "collective", "--nic", "0 Gb/s"), "--nic: found \"0 Gb/s\"; expected from 1 Gb/s");
        refused(fleetsim("estimate", "collective", "--sizes", "99999999999999999999..1"),
                "--sizes: found \"99999999999999999999..1\"; expected FROM..TO");
        refused(fleetsim("estimate", "collective", "--nics-per-node", "0", "--gpus", "16"),
                "--nics-per-node: found 0; expected at least 1: the ranks span 2 nodes");
        refused(fleetsim("estimate", "collective", "--nics-per-node", "-1"),
                "--nics-per-node: found -1; expected an integer from 0 to 64");
        refused(fleetsim("estimate", "collective", "--gpus", "2147483647"),
                "--gpus: found 2147483647; expected an integer from 2 to 10000000");
        refused(fleetsim("estimate", "collective", "--gpus", "100000000"), "--gpus: found 100000000; expected");
        refused(fleetsim("estimate", "collective", "--op", "alltoall", "--gpus", "4096"),
                "--gpus: found 4096 (alltoall: 16,773,120 flows in each of 14 sizes); expected at most 4,000,000 flows");
    }

    @Test
    void aGpuPrefixIsSuggestedOnTheCommandLineAsInAFile() throws Exception {
        refused(fleetsim("estimate", "collective", "--gpu", "H100"), "--gpu: found \"H100\"; expected a GPU type of the "
                + "catalogue: one of A100-80GB, H100-SXM, H200, B200, L40S, MI300X, V100-SXM2-32GB, P40 (did you mean H100-SXM?)");
        refused(fleetsim("validate", file("g.yaml", SMALL.replace("H100-SXM", "H100")).toString()),
                "(did you mean H100-SXM?)");
    }

    @Test
    void aVanishingPeakIsRefusedSoEstimatePrintsNoInfinity() throws Exception {
        Path f = file("peak.yaml", SMALL + "hardware:\n  H100-SXM: {peakTflops: {bf16: 5e-324}}\n");

        refused(fleetsim("estimate", f.toString(), "--json"),
                "hardware.H100-SXM.peakTflops.bf16: found 4.9E-324; expected a number in [0.001, 1000000]");
        CliRunner.Outcome ok = fleetsim("estimate", file("ok.yaml", SMALL).toString(), "--json");
        assertEquals(0, ok.exit(), ok.err());
        assertFalse(ok.out().contains("NaN") || ok.out().contains("Infinity"), ok.out());
    }

    @Test
    void seedRangesCannotWrapAround() throws Exception {
        // A range ending at Long.MAX_VALUE used to wrap to "seed -9223372036854765810 twice".
        Path f = file("seeds.yaml", SMALL);
        CliRunner.Outcome top = fleetsim("compare", f.toString(), "--policies", "fifo", "--seeds",
                "9223372036854775806..9223372036854775807", "--out", tmp.resolve("c").toString(), "--quiet", "--no-charts");
        assertEquals(0, top.exit(), top.err());
        refused(fleetsim("compare", f.toString(), "--policies", "fifo", "--seeds", "-9223372036854775808..9223372036854775807"),
                "--seeds: found \"-9223372036854775808..9223372036854775807\" (more than 10000 seeds); expected seeds");
        refused(fleetsim("compare", f.toString(), "--policies", "fifo", "--seeds", "99999999999999999999"),
                "--seeds: found \"99999999999999999999\"; expected seeds as a range");
        refused(fleetsim("compare", f.toString(), "--policies", "fifo", "--seeds", "1..3,2"), "(seed 2 twice)");
        refused(fleetsim("validate", tmp.resolve("missing.yaml").toString()), "FILE: found \"");
    }

    @Test
    void aLongNameIsRefusedBeforeAnyChartLaysItOut() throws Exception {
        // A 20,000-character name took 66 s in JFreeChart's title line breaking and left a folder without a summary.
        Path f = file("name.yaml", SMALL.replace("name: small", "name: " + "n".repeat(20_000))
                .replace("{charts: false}", "{charts: true}"));
        refused(fleetsim("run", f.toString(), "--out", tmp.resolve("n").toString(), "--quiet"),
                "name: found \"" + "n".repeat(64) + "…\" (20000 characters); expected a scenario name (1 to 100 characters");
        long start = System.nanoTime();
        CliRunner.Outcome longest = fleetsim("run", file("n100.yaml", SMALL.replace("name: small", "name: " + "n".repeat(100))
                .replace("{charts: false}", "{charts: true}")).toString(), "--out", tmp.resolve("m").toString(), "--quiet");
        assertEquals(0, longest.exit(), longest.err());
        assertTrue(System.nanoTime() - start < 30e9, "the longest name charts in seconds");
    }

    @Test
    void controlCharactersNeverReachTheTerminal() throws Exception {
        Path f = file("esc.yaml", SMALL.replace("model: gpt-1.3b", "model: \"\\e[2J\\u0007gpt\""));

        CliRunner.Outcome o = fleetsim("validate", f.toString());

        refused(o, "found \"\\u001b[2J\\u0007gpt\"");
        assertFalse(o.err().contains("\u001b") || o.err().contains("\u0007"), o.err());
    }

    @Test
    void yamlAliasesAndDocumentsAndEncodingsAreHandled(@TempDir Path dir) throws Exception {
        CliRunner.Outcome twoDocs = fleetsim("validate", file("two.yaml", SMALL + "---\nname: other\n").toString());
        refused(twoDocs, "found a second YAML document (after ---); expected one document per file");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, SMALL.replace("name: small", "name: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        refused(fleetsim("validate", latin1.toString()), "(file): found text that is not UTF-8 at byte 9 (line 1: 0xE9)");
        CliRunner.Outcome alias = fleetsim("validate", file("alias.yaml", SMALL.replace("iterations: 10}",
                "iterations: 10, tenant: &team research}") + "    - {id: k, model: gpt-1.3b, precision: bf16, globalBatch: 16,"
                + " parallelism: {dp: 8}, iterations: 10, tenant: *team}\n").toString());
        assertEquals(0, alias.exit(), alias.err());
    }

    @Test
    void explainRefusesDamagedAndUnfinishedRunFolders() throws Exception {
        Path run = tmp.resolve("run");
        Path scenario = file("opta.yaml", SMALL.replace("simulation: {charts: false}",
                "simulation: {charts: false}\npolicy: {name: optaplanner, params: {window: 5, steps: 10}}"));
        assertEquals(0, fleetsim("run", scenario.toString(), "--out", run.toString(), "--quiet").exit());
        Path decisions = run.resolve("decisions.jsonl");
        String good = Files.readString(decisions);

        Files.writeString(decisions, good + "garbage\n");
        CliRunner.Outcome garbage = fleetsim("explain", run.toString(), "j");
        refused(garbage, "decisions.jsonl: line ");
        assertEquals("", garbage.out(), "nothing printed before the error");

        Files.write(decisions, new byte[] {'{', (byte) 0xC3, '\n'});
        refused(fleetsim("explain", run.toString(), "j"), "found text that is not UTF-8 at byte 1 (line 1: 0xC3)");

        Files.writeString(decisions, good);
        Files.delete(run.resolve("summary.json"));
        refused(fleetsim("explain", run.toString(), "j"), "without summary.json (the run was stopped before it finished"
                + " writing, so its files may be partial); expected a complete run folder");
    }
}
