package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code kind: trace} generator: defaults, every check with its path, and the writer round trip. */
class TraceGeneratorSectionTest {

    /** MINIMAL (16 H100s) with a PAI generator (largest job 8 GPUs) after its job. */
    private static String withGenerator(String... lines) {
        return MINIMAL + "  generators:\n" + String.join("\n", lines) + "\n";
    }

    @Test
    void defaultsAreTheTracesOwn() throws Exception {
        ScenarioSpec spec = load(withGenerator("    - {name: pai, kind: trace, trace: PAI, count: 50}"));

        TraceGeneratorSpec g = spec.workload().traceGenerators().get(0);
        assertEquals(new TraceGeneratorSpec("pai", "pai", 50, 0, 1.0, 0.0, WorkloadKeys.TraceGenerator.TENANTS.defaultValue(), 1.0, 0.0, 8,
                Optional.empty()), g);
        assertEquals(List.of(), spec.workload().generators());
    }

    @Test
    void everyKeyIsReadAndTheResolvedFileReadsBackEqual() throws Exception {
        ScenarioSpec spec = load(withGenerator(
                "    - {name: mixed, count: 3, kind: mix, meanInterarrival: 1 h, mix: [{name: k, weight: 1,",
                "       iterations: {min: 1, max: 2}, job: {model: gpt-1.3b, precision: bf16, globalBatch: 4}}]}",
                "    - name: ph",
                "      kind: trace",
                "      trace: philly",
                "      count: 1234",
                "      start: 2 h",
                "      scale: 0.25",
                "      diurnal: 0.4",
                "      tenants: [a, b, c]",
                "      tenantSkew: 1.5",
                "      sizeDurationCorrelation: -0.3",
                "      maxGpus: 16",
                "      gpuType: H100-SXM"));

        assertEquals(List.of(new TraceGeneratorSpec("ph", "philly", 1234, 7_200_000_000_000L, 0.25, 0.4,
                List.of("a", "b", "c"), 1.5, -0.3, 16, Optional.of("H100-SXM"))), spec.workload().traceGenerators());
        String text = new ScenarioWriter().write(spec);
        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
    }

    @Test
    void badValuesAreReportedWithTheirPaths() {
        List<Problem> problems = problems(withGenerator(
                "    - {name: t, kind: trace, trace: phily, count: 0, scale: 0, diurnal: 1, tenantSkew: -1,"
                        + " sizeDurationCorrelation: 1, meanInterarrival: 1 h}",
                "    - {name: u, kind: tracer, count: 5}"));

        assertTrue(problems.contains(new Problem("workload.generators[0].trace", "\"phily\"",
                "one of helios, pai, philly (did you mean philly?)")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.generators[0].count")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.generators[0].scale")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.generators[0].diurnal")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.generators[0].tenantSkew")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.generators[0].sizeDurationCorrelation")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.generators[0].meanInterarrival")
                && p.allowed().contains("trace's rate times scale")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.generators[1].kind")
                && p.allowed().contains("did you mean trace?")), problems.toString());
    }

    @Test
    void theLargestJobMustFitTheClusterAndBeAPowerOfTwo() {
        // 16 GPUs in MINIMAL; Philly's largest job is 128
        List<Problem> tooBig = problems(withGenerator("    - {name: t, kind: trace, trace: philly, count: 5}"));
        assertEquals(List.of(new Problem("workload.generators[0].trace", "\"philly\" (its largest job has 128 GPUs)",
                "jobs of at most 16 GPUs, the most of one bf16 type in the cluster: set maxGpus to a power of two up to 16")),
                tooBig);

        List<Problem> notPow2 = problems(withGenerator("    - {name: t, kind: trace, trace: philly, count: 5, maxGpus: 12}"));
        assertEquals("workload.generators[0].maxGpus", notPow2.get(0).path());
        assertTrue(notPow2.get(0).allowed().startsWith("a power of two"), notPow2.toString());

        // Helios averages 3.7 GPUs a job: a 4-GPU cap cannot reach it with most jobs on one GPU
        List<Problem> unreachable = problems(withGenerator("    - {name: t, kind: trace, trace: helios, count: 5, maxGpus: 4}"));
        assertEquals(List.of(new Problem("workload.generators[0].maxGpus", "4",
                "at least 8, so that helios's mean of 3.716 GPUs per job can be matched with most jobs on one GPU")),
                unreachable);
    }

    @Test
    void shapesThatOverflowMemoryAreReportedAtTheGenerator() {
        // an L40S has 48 GB; the 8-GPU Llama-2-7B shape fits, but say the check rejects every shape above 4 GPUs
        String text = withGenerator("    - {name: t, kind: trace, trace: pai, count: 5}");
        List<Problem> problems = problems(text, "test.yaml",
                (job, gpu) -> job.gpus() > 4 ? List.of("weights 99 GiB") : List.of());

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("workload.generators[0]", problems.get(0).path());
        assertTrue(problems.get(0).found().startsWith("the 8-GPU job shape (llama2-7b, tp 1, pp 1, dp 8) does not fit:"
                + " on H100-SXM: weights 99 GiB"), problems.get(0).found());
    }

    @Test
    void theShippedShapesFitAn80GbGpuWithTheRealMemoryModel() throws Exception {
        String text = MINIMAL.replace("count: 2", "count: 256") + "  generators:\n"
                + "    - {name: t, kind: trace, trace: helios, count: 5}\n";
        ScenarioSpec spec = new ScenarioLoader().parse(text, "test.yaml", PerformanceModels.feasibilityCheck());
        assertEquals(2048, spec.workload().traceGenerators().get(0).maxGpus());
    }

    @Test
    void phillyLikeRoundTripsThroughTheWriter() throws Exception {
        ScenarioSpec spec = new ScenarioLoader().load(ScenarioFiles.scenario("philly-like.yaml"),
                PerformanceModels.feasibilityCheck());
        TraceGeneratorSpec g = spec.workload().traceGenerators().get(0);
        assertEquals(117_325, g.count());
        assertEquals(0.6, g.sizeDurationCorrelation());
        assertEquals(2_496, spec.cluster().totalGpus());

        String text = new ScenarioWriter().write(spec);
        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
    }
}
