package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: exit codes, messages, and the files a run leaves. */
class CliTest {
    private static final Path QUICKSTART = TestPaths.scenarios().resolve("quickstart.yaml");

    private static Path resource(String name) throws Exception {
        return Path.of(CliTest.class.getResource("/" + name).toURI());
    }

    @Test
    void runWritesACompleteReproducibleResultFolder(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliRunner.Outcome first = fleetsim("run", QUICKSTART.toString(), "--out", a.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("Scenario quickstart (seed 42, policy fifo) on 96 GPUs"), first.out());
        assertEquals(0, fleetsim("run", QUICKSTART.toString(), "--out", b.toString(), "--quiet").exit());

        for (String f : List.of("summary.json", "jobs.csv", "timeseries.csv", "scenario.yaml")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs between runs");
        }
        JsonNode summary = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        int jobs = summary.path("counts").get("jobs").asInt();
        assertEquals(jobs, summary.path("counts").get("finished").asInt());
        assertEquals(List.of("scenario", "seed", "policy", "gpus", "counts", "times", "utilisation", "cost", "tenants",
                        "reliability", "kernel", "training"),
                iterate(summary.fieldNames()), "summary.json's groups");
        assertEquals(jobs + 1, Files.readAllLines(a.resolve("jobs.csv")).size());
        assertEquals(400 + 1, Files.readAllLines(a.resolve("timeseries.csv")).size());
        for (String png : List.of("utilisation.png", "queue.png", "cost.png")) {
            BufferedImage img = ImageIO.read(a.resolve(png).toFile());
            assertNotNull(img, png);
            assertEquals(1000, img.getWidth());
        }
        try (var files = Files.list(a)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "temporary files left behind");
        }
        // the resolved scenario is itself a valid scenario that runs the same way
        Path c = tmp.resolve("c");
        assertEquals(0, fleetsim("run", a.resolve("scenario.yaml").toString(), "--out", c.toString(), "--quiet").exit());
        assertArrayEquals(Files.readAllBytes(a.resolve("jobs.csv")), Files.readAllBytes(c.resolve("jobs.csv")));
    }

    @Test
    void seedOptionChangesTheWorkload(@TempDir Path tmp) throws Exception {
        assertEquals(0, fleetsim("run", QUICKSTART.toString(), "--out", tmp.resolve("s1").toString(), "--quiet", "--no-charts").exit());
        assertEquals(0, fleetsim("run", QUICKSTART.toString(), "--out", tmp.resolve("s2").toString(), "--quiet", "--no-charts",
                "--seed", "7").exit());
        assertFalse(Files.readString(tmp.resolve("s1/jobs.csv")).equals(Files.readString(tmp.resolve("s2/jobs.csv"))));
        assertTrue(Files.readString(tmp.resolve("s2/summary.json")).contains("\"seed\" : 7"));
        assertFalse(Files.exists(tmp.resolve("s2/queue.png")));
    }

    @Test
    void badFileGetsEveryProblemWithItsPathAndNoStackTrace(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("never");
        CliRunner.Outcome o = fleetsim("run", resource("bad/three-mistakes.yaml").toString(), "--out", out.toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("cluster.nodeGroups[0].gpuType"), o.err());
        assertTrue(o.err().contains("H100-SXN"), o.err());
        assertTrue(o.err().contains("H100-SXM"), "did-you-mean missing: " + o.err());
        assertTrue(o.err().contains("workload.jobs[0].parallelism.dp"), o.err());
        assertTrue(o.err().contains("workload.jobs[0].tenent"), o.err());
        assertTrue(o.err().contains("tenant"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
        assertFalse(Files.exists(out), "nothing may be written for an invalid file");
        assertEquals(2, fleetsim("validate", resource("bad/three-mistakes.yaml").toString()).exit());
        assertEquals(2, fleetsim("run", tmp.resolve("missing.yaml").toString()).exit());
    }

    @Test
    void validateAcceptsTheQuickstart() {
        CliRunner.Outcome o = fleetsim("validate", QUICKSTART.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("is valid: 96 GPUs"), o.out());
    }

    @Test
    void estimateJsonHasExactlyTheDocumentedKeys() throws Exception {
        CliRunner.Outcome o = fleetsim("estimate", resource("estimate-megatron-1t.yaml").toString(), "--json");
        assertEquals(0, o.exit(), o.err());
        JsonNode json = new ObjectMapper().readTree(o.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("iterationTimeS", "tokensPerSecondPerGpu", "modelTflopsPerGpu", "hardwareTflopsPerGpu", "mfu",
                "memoryPerGpuGiB", "breakdown"), keys);
        // Megatron SC'21 Table 1 reports 163 TFLOP/s per GPU for this row; the validation test holds the bound
        double hw = json.get("hardwareTflopsPerGpu").asDouble();
        assertTrue(hw > 163 * 0.8 && hw < 163 * 1.2, "hardware TFLOP/s " + hw);
        double shares = 0;
        for (JsonNode share : json.get("breakdown")) {
            shares += share.isNumber() ? share.asDouble() : 0;
        }
        assertEquals(1.0, shares, 1e-9, "breakdown shares add up to the iteration");
        double classes = 0;
        for (JsonNode share : json.get("breakdown").get("computeByClass")) {
            classes += share.asDouble();
        }
        assertEquals(json.get("breakdown").get("compute").asDouble(), classes, 1e-9, "the classes split the compute share");
    }

    @Test
    void estimateSearchListsTheBestLayoutsAsJson() throws Exception {
        Path out = Files.createTempDirectory("search").resolve("layouts.json");
        CliRunner.Outcome o = fleetsim("estimate", resource("estimate-search-mixtral.yaml").toString(), "--search", "--gpus",
                "32", "--top", "5", "--json", "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        JsonNode json = new ObjectMapper().readTree(o.out());
        assertEquals(json, new ObjectMapper().readTree(Files.readString(out)), "--out holds what --json prints");
        assertEquals(32, json.get("gpus").asInt());
        JsonNode layouts = json.get("layouts");
        assertEquals(5, layouts.size());
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode l : layouts) {
            JsonNode p = l.get("parallelism");
            assertEquals(32, p.get("tp").asInt() * p.get("pp").asInt() * p.get("dp").asInt() * p.get("cp").asInt());
            double tokens = l.get("estimate").get("tokensPerSecondPerGpu").asDouble();
            assertTrue(tokens <= previous, "best first");
            previous = tokens;
            assertTrue(l.get("estimate").get("memoryPerGpuGiB").asDouble() <= 80, "fits an H100");
            assertTrue(l.get("estimate").get("breakdown").has("ep"), "the breakdown names the expert all-to-all");
        }
        assertTrue(json.get("enumerated").asInt() > json.get("costed").asInt());
        CliRunner.Outcome text = fleetsim("estimate", resource("estimate-search-mixtral.yaml").toString(), "--search",
                "--gpus", "32", "--top", "3");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("Layouts of mixtral-8x7b"), text.out());
    }

    @Test
    void estimateTextAndRefusalOfAWholeWorkload() throws Exception {
        CliRunner.Outcome o = fleetsim("estimate", resource("estimate-megatron-1t.yaml").toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("hw TFLOP/s per GPU"), o.out());
        CliRunner.Outcome refused = fleetsim("estimate", QUICKSTART.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("workload: found 1 listed jobs and 1 generators; expected exactly one training job"), refused.err());
    }

    /** The trend line bench/trend.sh reads: its settings and figures as key=value words, last on stdout. */
    @Test
    void benchEndsWithOneMachineReadableTrendLine() {
        CliRunner.Outcome small = fleetsim("bench", "--jobs", "300", "--gpus", "64");
        assertEquals(2, small.exit());
        assertTrue(small.err().contains("--gpus: found 64; expected at least 128"), small.err());
        CliRunner.Outcome o = fleetsim("bench", "--jobs", "300", "--gpus", "128", "--network", "analytic");
        assertEquals(0, o.exit(), o.err());
        String[] lines = o.out().strip().split("\n");
        String trend = lines[lines.length - 1];
        assertTrue(trend.matches("fleetsim-bench v=1 jobs=300 gpus=128 load=0\\.9 oversubscription=4\\.0 policy=fifo seed=1"
                + " network=analytic repeat=1 events=\\d+ wall_s=\\d+\\.\\d{3} cpu_s=\\d+\\.\\d{3}"
                + " events_per_cpu_s=\\d+ makespan_days=\\d+\\.\\d{3}"), trend);
    }

    @Test
    void helpListsTheCommands() {
        CliRunner.Outcome o = fleetsim("--help");
        assertEquals(0, o.exit());
        for (String c : List.of("run", "validate", "estimate", "bench", "policies")) {
            assertTrue(o.out().contains(c), c);
        }
    }

    @Test
    void aSubcommandAloneIsModelledAndTheRestOnlyWhenNeeded() {
        // Main builds picocli's model of just the named command (start-up); usage and help see them all.
        assertEquals(List.of("run"), List.copyOf(Main.commandLine("run", "x.yaml").getSubcommands().keySet()));
        assertEquals(12, Main.commandLine().getSubcommands().size());
        assertEquals(12, Main.commandLine("help", "run").getSubcommands().size());
        CliRunner.Outcome help = fleetsim("help", "validate");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("Usage: fleetsim validate"), help.out());
        CliRunner.Outcome typo = fleetsim("valdiate");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("found \"valdiate\"") && typo.err().contains("did you mean validate?"), typo.err());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
