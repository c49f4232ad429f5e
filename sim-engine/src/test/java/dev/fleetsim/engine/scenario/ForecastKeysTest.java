package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.RateGrowth;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TraceProfile;
import dev.fleetsim.engine.workload.WorkReference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forecast and work-reference keys of generators: values, defaults, round trip, and every mistake with its path. */
class ForecastKeysTest {

    private static String withGenerators(String... lines) {
        return MINIMAL + "  generators:\n" + String.join("\n", lines) + "\n";
    }

    private static final String MIX = "    - {name: m, count: 3, meanInterarrival: 1 h, %s mix: [{name: k, weight: 1, %s"
            + " iterations: {min: 1, max: 2}, job: {model: gpt-1.3b, precision: bf16, globalBatch: 4}}]}";

    @Test
    void growthCurveAndReferenceAreReadAndWrittenBack() throws Exception {
        ScenarioSpec spec = load(withGenerators(
                String.format(MIX, "growth: 40 % per quarter,", "weightGrowth: -5 % per 30 d,"),
                "    - {name: t, kind: trace, trace: helios, count: 10, maxGpus: 16, referenceGpu: A100-80GB,",
                "       rateCurve: [{at: 0 s, rate: 1}, {at: 30 d, rate: 2.5}], sizeGrowth: 10 % per year}",
                "    - {name: c, kind: trace, trace: philly, count: 10, maxGpus: 16, referenceGpu: cluster}",
                "    - {name: d, kind: trace, trace: philly, count: 10, maxGpus: 16}"));
        GeneratorSpec mix = spec.workload().generators().get(0);
        assertEquals(RateGrowth.exponential(40, RateGrowth.QUARTER_NS), mix.growth());
        assertEquals(RateGrowth.exponential(-5, 30 * 86_400_000_000_000L), mix.mix().get(0).weightGrowth());
        TraceGeneratorSpec t = spec.workload().traceGenerators().get(0);
        assertEquals(RateGrowth.curve(List.of(new RateGrowth.Point(0, 1), new RateGrowth.Point(30 * 86_400_000_000_000L,
                2.5))), t.growth());
        assertEquals(RateGrowth.exponential(10, RateGrowth.YEAR_NS), t.sizeGrowth());
        // another reference GPU keeps the trace's servers, in the precision that GPU trains in
        assertEquals(WorkReference.on(TraceProfile.HELIOS.reference().withGpuType("A100-80GB"), Precision.BF16),
                t.reference());
        assertEquals(WorkReference.ON_CLUSTER, spec.workload().traceGenerators().get(1).reference());
        // the default is the trace's own GPU: Philly's P40, in fp32
        assertEquals(WorkReference.on(TraceProfile.PHILLY.reference(), Precision.FP32),
                spec.workload().traceGenerators().get(2).reference());

        String text = new ScenarioWriter().write(spec);
        assertTrue(text.contains("growth: 40 % per quarter"), text);
        assertTrue(text.contains("referenceGpu: P40"), text);
        assertTrue(text.contains("referencePrecision: fp32"), text);
        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
    }

    @Test
    void mistakesAreReportedWithTheirPaths() {
        List<Problem> p = problems(withGenerators(
                String.format(MIX, "growth: 40 percent,", "weightGrowth: -100 % per month,"),
                "    - {name: t, kind: trace, trace: helios, count: 10, maxGpus: 16, referenceGpu: V100-SXM2-32GB,",
                "       referencePrecision: bf16, growth: 5 % per quarter, rateCurve: [{at: 0 s, rate: 1}]}",
                "    - {name: u, kind: trace, trace: helios, count: 10, maxGpus: 16, referenceGpu: cluster,",
                "       referencePrecision: fp16, rateCurve: [{at: 1 d, rate: 1}, {at: 1 h, rate: -2}]}",
                "    - {name: v, kind: trace, trace: helios, count: 10, maxGpus: 16, referenceGpu: H100,",
                "       sizeGrowth: 5 % per 1 min}"));
        List<String> paths = p.stream().map(Problem::path).toList();
        assertEquals(List.of(
                "workload.generators[0].mix[0].weightGrowth",
                "workload.generators[0].growth",
                "workload.generators[1].referencePrecision",
                "workload.generators[1].rateCurve",
                "workload.generators[2].referencePrecision",
                "workload.generators[2].rateCurve[0].at",
                "workload.generators[2].rateCurve[1].rate",
                "workload.generators[2].rateCurve[1].at",
                "workload.generators[3].referenceGpu",
                "workload.generators[3].sizeGrowth"), paths, p.toString());
        assertTrue(p.get(1).allowed().contains("40 % per quarter"), p.get(1).toString());
        assertTrue(p.get(2).allowed().contains("fp32, fp16"), p.get(2).toString());
        assertTrue(p.get(8).allowed().contains("V100-SXM2-32GB, P40, cluster"), p.get(8).toString());
    }
}
