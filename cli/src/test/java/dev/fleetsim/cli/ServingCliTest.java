package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.fleetsim.cli.CliRunner.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serving through the command line: a run's files and charts, estimate serving, bench serving, a sweep, preemption of training. */
class ServingCliTest {

    private static final String CLUSTER = String.join("\n",
            "cluster:",
            "  nodeGroups:",
            "    - {name: h100, gpuType: H100-SXM, count: 1, gpusPerNode: 8, nicsPerNode: 8, nicBandwidth: 400 Gb/s}");

    private static Path write(Path dir, String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static Path chat(Path dir) throws Exception {
        return write(dir, "chat.yaml", "name: chat", CLUSTER, "workload:", "  services:",
                "    - name: chat",
                "      model: llama3-8b",
                "      replicas: 2",
                "      sampleRequests: 100",
                "      requests: {rate: 20, count: 400, input: {distribution: lognormal, mean: 500, max: 4000},",
                "                 output: {distribution: lognormal, mean: 100, max: 1000}}");
    }

    @Test
    void aServingRunWritesItsRequestsSeriesAndCharts(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CliRunner.Outcome o = fleetsim("run", chat(tmp).toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("service chat: llama3-8b on H100-SXM"), o.out());
        assertTrue(o.out().contains("SLO"), o.out());
        for (String f : List.of("requests.csv", "serving.csv", "latency-cdf.png", "serving-throughput.png", "serving-kv.png")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
        assertEquals(101, rows.size(), "a header and the 100-row seeded sample of 400 requests");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode s = summary.get("services").get(0);
        assertEquals(400, s.get("requests").get("finished").asLong());
        assertTrue(s.get("latency").get("ttftS").get("p99").asDouble() > 0);
        assertTrue(s.get("cost").get("usdPerMillionOutputTokens").asDouble() > 0);
        assertFalse(Files.exists(out.resolve("serving-vs-training.png")), "no training beside it");
        // its replicas are said as replicas, not jobs: on the console, in summary.json and in jobs.csv
        assertTrue(o.out().contains("\n  replicas     2: 2 ended, 0 running"), o.out());
        assertTrue(o.out().contains("  lifetime     ") && !o.out().contains("  JCT  ") && !o.out().contains("  jobs  "), o.out());
        assertEquals(2, summary.get("counts").get("servingReplicas").asInt());
        List<String> jobs = Files.readAllLines(out.resolve("jobs.csv"));
        assertTrue(jobs.get(0).endsWith(",reason,kind") && jobs.get(1).startsWith("chat/replica-0,")
                && jobs.get(1).endsWith(",serving"), jobs.get(0) + "\n" + jobs.get(1));

        CliRunner.Outcome compared = fleetsim("compare", chat(tmp).toString(), "--policies", "fifo,sjf", "--seeds", "1",
                "--out", tmp.resolve("cmp").toString());
        assertEquals(0, compared.exit(), compared.err());
        assertTrue(compared.out().contains("no training jobs: JCT, wait, queueing and slowdown have no values (serving"
                + " replicas are not jobs)"), compared.out());
        // a replica's lifetime is no JCT: summary.json's job statistics are empty, the replicas' group has them
        assertEquals(0, summary.get("times").get("jctS").get("count").asInt());
        assertEquals(2, summary.get("replicas").get("lifetimeS").get("count").asInt());
    }

    @Test
    void estimateServingFindsTheHighestRateMeetingTheObjectives(@TempDir Path tmp) throws Exception {
        CliRunner.Outcome o = fleetsim("estimate", "serving", chat(tmp).toString(), "--requests", "600", "--json");
        assertEquals(0, o.exit(), o.err());
        JsonNode e = new ObjectMapper().readTree(o.out());
        double max = e.get("maxRatePerS").asDouble();
        assertTrue(max > 20, "two H100 replicas of an 8B model serve more than the 20 req/s asked: " + max);
        assertTrue(e.get("atMaxRateSteadyAttainment").asDouble() >= 0.9, "the verdict's share meets the target: " + o.out());
        assertTrue(e.get("memory").get("kvBlocks").asLong() > 0);
        CliRunner.Outcome text = fleetsim("estimate", "serving", chat(tmp).toString(), "--rate", "5", "--requests", "300");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("highest rate meeting the objectives"), text.out());
        CliRunner.Outcome typo = fleetsim("estimate", "serving", chat(tmp).toString(), "--service", "chta");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("--service: found \"chta\"; expected a service of the scenario: one of chat"
                + " (did you mean chat?)"), typo.err());
        assertEquals(2, fleetsim("estimate", "serving", chat(tmp).toString(), "--rate", "-1").exit());
    }

    @Test
    void benchServingReportsItsFigures() {
        CliRunner.Outcome o = fleetsim("bench", "serving", "--requests", "2000", "--replicas", "2", "--rate", "40");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("2,000 requests on 2 replicas"), o.out());
        assertTrue(o.out().contains("events/s"), o.out());
    }

    @Test
    void aScaledUpReplicaPreemptsLowerPriorityTrainingUnderThePriorityPolicy(@TempDir Path tmp) throws Exception {
        // Six of the eight GPUs train; the service starts on one replica and asks for up to four when its
        // load arrives: the priority policy preempts the training job to make room, which resumes after.
        Path file = write(tmp, "mixed.yaml", "name: mixed", CLUSTER, "workload:",
                "  jobs:",
                "    - {id: train, model: gpt-1.3b, precision: bf16, globalBatch: 48, microBatch: 4, parallelism: {dp: 6},",
                "       iterations: 20000}",
                "  services:",
                "    - name: chat",
                "      model: llama3-8b",
                "      priority: 10",
                "      replicas: 1",
                "      autoscale: {min: 1, max: 4, metric: concurrency, target: 4, interval: 10 s, scaleUpDelay: 5 s,",
                "                  scaleDownDelay: 20 s}",
                "      requests: {rate: 40, duration: 3 min, input: 1000, output: 200}",
                "policy: {name: priority, preemption: {checkpointInterval: 1 min, restartOverhead: 30 s}}");
        Path out = tmp.resolve("mixed");
        CliRunner.Outcome o = fleetsim("run", file.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        List<String> jobs = Files.readAllLines(out.resolve("jobs.csv"));
        String train = jobs.stream().filter(l -> l.startsWith("train,")).findFirst().orElseThrow();
        String[] cells = train.split(",");
        assertEquals("FINISHED", cells[2], train);
        int preemptions = List.of(jobs.get(0).split(",")).indexOf("preemptions");
        assertTrue(Integer.parseInt(cells[preemptions]) >= 1, "the training job was preempted: " + train);
        assertTrue(jobs.stream().filter(l -> l.startsWith("chat/")).count() >= 3, "the service scaled up");
        assertTrue(Files.exists(out.resolve("serving-vs-training.png")));
        int replicas = (int) jobs.stream().filter(l -> l.startsWith("chat/")).count();
        assertTrue(o.out().contains("  jobs         1 training: 1 finished, 0 running"), o.out());
        assertTrue(o.out().contains("  replicas     " + replicas + " serving: "), o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode counts = summary.get("counts");
        assertEquals(replicas, counts.get("servingReplicas").asInt());
        assertEquals(1 + replicas, counts.get("jobs").asInt());
        // The JCT statistics are the training job's alone (end − submit), not the replicas' lifetimes beside it.
        int end = List.of(jobs.get(0).split(",")).indexOf("end_s");
        JsonNode jct = summary.get("times").get("jctS");
        assertEquals(1, jct.get("count").asInt());
        assertEquals(Double.parseDouble(cells[end]), jct.get("mean").asDouble(), 1e-3);
        assertEquals(replicas, summary.get("replicas").get("count").asInt());
        assertTrue(train.endsWith(",training"), train);
    }

    @Test
    void aSweepOverReplicasReportsTheServingMetrics(@TempDir Path tmp) throws Exception {
        // 20 req/s of 500-token prompts on one replica or two: one replica is slower, never better.
        chat(tmp);
        Path exp = write(tmp, "replicas.yaml", "name: replicas", "scenario: chat.yaml",
                "axes:", "  replicas: {path: \"workload.services[0].replicas\", values: [1, 2]}",
                "metrics: [slo_attainment, p99_ttft_s, serving_gpu_hours]");
        Path out = tmp.resolve("sweep");
        CliRunner.Outcome o = fleetsim("sweep", exp.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("slo_attainment"), o.out());
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int ttft = header.indexOf("p99_ttft_s");
        int gpuHours = header.indexOf("serving_gpu_hours");
        assertTrue(ttft > 0 && header.contains("slo_attainment") && header.contains("usd_per_million_output_tokens"),
                rows.get(0));
        String[] one = rows.get(1).split(",");
        String[] two = rows.get(2).split(",");
        assertTrue(Double.parseDouble(one[ttft]) >= Double.parseDouble(two[ttft]), rows.toString());
        assertTrue(Double.parseDouble(one[gpuHours]) < Double.parseDouble(two[gpuHours]), rows.toString());
        assertTrue(Files.exists(out.resolve("slo_attainment-by-replicas.png")));
    }
}
