package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioWriterTest {

    /** Every feature that changes what is written: overrides, a derived type, inline model, horizon, params. */
    private static final String RICH = MINIMAL
            .replace("gpuType: H100-SXM", "gpuType: H100-lab")
            .replace("model: llama2-7b", "model: {name: tiny, layers: 4, hidden: 256, heads: 4, kvHeads: 2,"
                    + " ffnHidden: 700, gatedMlp: true, vocab: 1000, seqLength: 128}")
            .replace("iterations: 100", "tokens: 10M\n      seqLength: 256\n      submit: 90 s\n      gpuType: H100-lab"
                    + "\n      dpOverlap: 0.65\n      priority: -2")
            + String.join("\n",
            "  generators:",
            "    - name: gen",
            "      count: 7",
            "      start: 1.5 h",
            "      meanInterarrival: 333 ms",
            "      mix:",
            "        - {name: k, weight: 2.5, iterations: {min: 1, max: 9},",
            "           job: {model: mpt-7b, precision: fp16, globalBatch: 8, parallelism: {dp: 2}, zeroStage: 2}}",
            "simulation: {seed: 9, horizon: 400 d, timeseriesPoints: 77, charts: false}",
            "hardware:",
            "  H100-lab:",
            "    basedOn: H100-SXM",
            "    hbm: 94 GB",
            "    hbmBandwidth: 3.9 TB/s",
            "    peakTflops: {fp8: null}",
            "  A100-80GB: {price: 1.1 USD/h}",
            "  H200: {peakTflops: {fp32: null}}",
            "policy: {name: las, params: {quantum: 600, decay: 0.25, preempt: false, mode: \"123\"}}",
            "cost: {pue: 1.15, electricity: 0.0831 USD/kWh}",
            "");

    private final ScenarioWriter writer = new ScenarioWriter();

    @Test
    void quickstartRoundTrips() throws Exception {
        ScenarioSpec spec = new ScenarioLoader().load(ScenarioFiles.scenario("quickstart.yaml"), ALWAYS_FITS);

        String text = writer.write(spec);

        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS));
    }

    @Test
    void richScenarioRoundTrips() throws Exception {
        ScenarioSpec spec = load(RICH);
        assertFalse(spec.hardware().get("H100-lab").supports(Precision.FP8), "fixture sanity");
        assertFalse(spec.hardware().get("H200").supports(Precision.FP32), "fixture sanity");

        String text = writer.write(spec);

        assertEquals(spec, new ScenarioLoader().parse(text, "resolved.yaml", ALWAYS_FITS), text);
    }

    @Test
    void outputIsDeterministicAndExplicit() throws Exception {
        ScenarioSpec spec = load(RICH);

        String text = writer.write(spec);

        assertEquals(text, writer.write(load(RICH)), "same spec, same bytes");
        // Used and changed types are written in full; untouched unused ones are left to the catalogue.
        assertTrue(text.contains("\n  H100-lab:\n    peakTflops:\n      fp32: 66.9\n"), text);
        assertTrue(text.contains("\n  A100-80GB:\n"));
        assertTrue(text.contains("\n      fp32: null\n"), "a removed precision stays removed");
        assertFalse(text.contains("B200"));
        assertFalse(text.contains("basedOn"));
        assertTrue(text.contains("hbm: 94 GB"));
        assertTrue(text.contains("nicBandwidth: 400 Gb/s"));
        assertTrue(text.contains("horizon: 400 d"));
        assertTrue(text.contains("start: 90 min"));
        assertTrue(text.contains("mode: \"123\""), "a numeric-looking string stays a string");
        assertTrue(text.contains("electricity: 0.0831 USD/kWh"));
        // 10M tokens / (32 x 256 tokens per iteration) = 1220.7 -> 1221 iterations, written as such.
        assertTrue(text.contains("iterations: 1221"));
        assertFalse(text.contains("tokens:"));
        assertTrue(text.indexOf("\nname:") < text.indexOf("\nsimulation:")
                && text.indexOf("\nsimulation:") < text.indexOf("\nhardware:")
                && text.indexOf("\nhardware:") < text.indexOf("\ncluster:")
                && text.indexOf("\ncluster:") < text.indexOf("\nworkload:")
                && text.indexOf("\nworkload:") < text.indexOf("\npolicy:")
                && text.indexOf("\npolicy:") < text.indexOf("\ncost:"), "sections in format order");
    }

    @Test
    void formatReferenceExampleLoads() throws Exception {
        String doc = Files.readString(ScenarioFiles.repoFile("docs/SCENARIO-FORMAT.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));

        ScenarioSpec spec = new ScenarioLoader().parse(example, "SCENARIO-FORMAT.md example", ALWAYS_FITS);

        assertEquals("small-lab", spec.name());
        // 2B tokens / (64 sequences x 4096 tokens) = 7629.4 -> 7630 iterations.
        assertEquals(7630, spec.workload().jobsOf(TrainingJobSpec.class).get(0).iterations());
    }

    @Test
    void writesAFileInPlace(@TempDir Path dir) throws Exception {
        ScenarioSpec spec = load(MINIMAL);
        Path file = dir.resolve("scenario.yaml");

        writer.write(spec, file);

        assertEquals(spec, new ScenarioLoader().load(file, ALWAYS_FITS));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }
}
