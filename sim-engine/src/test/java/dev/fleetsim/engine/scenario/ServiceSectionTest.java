package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.workload.serving.ArrivalProcess;
import dev.fleetsim.engine.workload.serving.EngineSpec;
import dev.fleetsim.engine.workload.serving.LengthDistribution;
import dev.fleetsim.engine.workload.serving.QuantFormat;
import dev.fleetsim.engine.workload.serving.RouterKind;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import dev.fleetsim.engine.workload.serving.SloSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code workload.services[]}: defaults, every check with its path, files, and the writer round trip. */
class ServiceSectionTest {

    private static String withService(String... lines) {
        return MINIMAL + "  services:\n" + String.join("\n", lines) + "\n";
    }

    private static final String[] BASIC = {
            "    - name: chat",
            "      model: llama3-8b",
            "      requests: {rate: 5, count: 100, input: 512, output: 128}"};

    private static Map<String, String> byPath(List<Problem> problems) {
        return problems.stream().collect(Collectors.toMap(Problem::path, Problem::toString, (a, b) -> a + " | " + b));
    }

    @Test
    void defaultsAreVllmsAndTheResolvedFileReadsBackEqual() throws Exception {
        ScenarioSpec spec = ScenarioTexts.load(withService(BASIC));
        ServiceSpec s = spec.workload().services().get(0);
        assertEquals(EngineSpec.VLLM, s.engine());
        assertEquals(QuantFormat.BF16, s.weights());
        assertEquals(RouterKind.LEAST_OUTSTANDING, s.router());
        assertEquals(SloSpec.DEFAULT, s.slo());
        assertEquals(8192, s.model().seqLength());
        assertEquals(ArrivalProcess.POISSON, s.requests().arrival().process());
        assertEquals(LengthDistribution.FIXED, s.requests().input().kind());
        String text = new ScenarioWriter().write(spec);
        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
    }

    @Test
    void everyKeyIsReadAndReadsBackEqual() throws Exception {
        ScenarioSpec spec = ScenarioTexts.load(withService(
                "    - name: big",
                "      model: llama3-70b",
                "      contextLength: 4096",
                "      weights: fp8",
                "      kvCache: fp8",
                "      tp: 4",
                "      gpuType: H100-SXM",
                "      replicas: 1",
                "      autoscale: {min: 1, max: 3, metric: ttft, target: 0.5, interval: 10 s, scaleUpDelay: 30 s,",
                "                  scaleDownDelay: 2 min}",
                "      engine: {maxBatchedTokens: 4096, maxSeqs: 128, chunkedPrefill: false, blockTokens: 32,",
                "               prefixCaching: false, memoryUtilization: 0.85, preemption: swap, iterationOverhead: 1 ms,",
                "               cudaGraphs: false, attention: flash2, groupedDecodeAttention: false}",
                "      router: prefix-aware",
                "      tenant: product",
                "      priority: 5",
                "      start: 1 h",
                "      mode: fluid",
                "      sampleRequests: 10",
                "      slo: {ttft: 1 s, tpot: 40 ms, attainment: 0.95}",
                "      requests:",
                "        arrival: gamma",
                "        rate: 2.5",
                "        cv: 3",
                "        diurnal: {amplitude: 0.5, period: 12 h, peak: 3 h}",
                "        duration: 2 h",
                "        input: {distribution: lognormal, mean: 800, cv: 0.5, min: 10, max: 2000}",
                "        output: {distribution: uniform, min: 10, max: 500}",
                "        prefix: {groups: 4, tokens: 256, share: 0.25}"));
        ServiceSpec s = spec.workload().services().get(0);
        assertEquals(4096, s.model().seqLength());
        assertEquals(128, s.engine().maxSeqs());
        assertEquals(0.5, s.requests().arrival().diurnal().get().amplitude());
        String text = new ScenarioWriter().write(spec);
        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
    }

    @Test
    void badValuesAreReportedWithTheirPaths() {
        Map<String, String> p = byPath(ScenarioTexts.problems(withService(
                "    - name: x",
                "      model: llama2-7b",
                "      tp: 3",
                "      weights: fp4",
                "      engine: {maxBatchedTokens: 100, maxSeqs: 200}",
                "      requests: {arrival: poisson, input: 512, output: {distribution: lognormal, mean: 50, max: 9000}}")));
        assertTrue(p.containsKey("workload.services[0].weights"), p.toString());
        assertTrue(p.get("workload.services[0].engine.maxSeqs").contains("at most maxBatchedTokens"), p.toString());
        assertTrue(p.get("workload.services[0].requests.rate").contains("requests per second"), p.toString());
        assertTrue(p.get("workload.services[0].requests").contains("count, a duration or both"), p.toString());
        assertTrue(p.get("workload.services[0].requests.output.max").contains("at most"), p.toString());

        Map<String, String> layout = byPath(ScenarioTexts.problems(withService(
                "    - {name: y, model: llama2-7b, tp: 3, requests: {rate: 1, count: 5, input: 8, output: 8}}",
                "    - {name: y, model: llama2-7b, gpuType: A100-80GB, requests: {rate: 1, count: 5, input: 8, output: 8}}",
                "    - {name: z, model: llama2-7b, weights: fp8, requests: {rate: 1, count: 5, input: 8000, output: 800}}",
                "    - {name: w, model: llama2-7b, requests: {rate: 1, count: 5, input: 3000, output: 3000}}")));
        assertTrue(layout.get("workload.services[0].tp").contains("divisor of the model's 32 attention heads"), layout.toString());
        assertTrue(layout.get("workload.services[1].name").contains("no other service"), layout.toString());
        assertTrue(layout.get("workload.services[1].gpuType").contains("the cluster has"), layout.toString());
        assertTrue(layout.get("workload.services[2].requests.input").contains("from 1 to 4095"), layout.toString());
        assertTrue(layout.get("workload.services[3].requests.output").contains("context length 4096"), layout.toString());
    }

    @Test
    void aReplicaThatCannotHoldOneContextIsRejectedWithItsTerms() {
        List<Problem> p = ScenarioTexts.problems(withService(
                "    - {name: big, model: llama3-70b, requests: {rate: 1, count: 5, input: 8, output: 8}}"), "t.yaml",
                PerformanceModels.feasibilityCheck());
        assertEquals("workload.services[0]", p.get(0).path(), p.toString());
        assertTrue(p.get(0).toString().contains("weights") && p.get(0).toString().contains("tp"), p.toString());
    }

    @Test
    void traceAndEmpiricalFilesAreReadAndTheirBadRowsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("trace.csv"), "timestamp,input_tokens,output_tokens\n0,100,10\n0.5,200,20\n2.0,50,5\n");
        Files.writeString(dir.resolve("lengths.csv"), "tokens,weight\n100,1\n200,3\n");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, withService(
                "    - name: t",
                "      model: llama2-7b",
                "      requests: {arrival: trace, trace: {file: trace.csv, speedup: 2}}",
                "    - name: e",
                "      model: llama2-7b",
                "      requests: {rate: 1, count: 10, input: {distribution: empirical, file: lengths.csv}, output: 20}"));
        ScenarioSpec spec = new ScenarioLoader().load(file, ALWAYS_FITS);
        var trace = spec.workload().services().get(0).requests().arrival().trace().get();
        assertEquals(3, trace.rows());
        assertEquals(2.0, trace.durationS());
        assertEquals(2.0, trace.ratePerS(), 1e-12, "two gaps in 2 s (1 request/s), played twice as fast");
        var lengths = spec.workload().services().get(1).requests().input();
        assertEquals(175, lengths.mean(), 1e-9, "(100 + 3 x 200) / 4");

        Files.writeString(dir.resolve("trace.csv"), "timestamp,input_tokens,output_tokens\n1,100,10\n0.5,200,20\nx,1,1\n");
        Map<String, String> p = byPath(ScenarioTexts.problems(Files.readString(file), file.toString(), ALWAYS_FITS));
        String at = p.get("workload.services[0].requests.trace.file");
        assertTrue(at.contains("line 3") && at.contains("in order") && at.contains("line 4"), at);
    }
}
