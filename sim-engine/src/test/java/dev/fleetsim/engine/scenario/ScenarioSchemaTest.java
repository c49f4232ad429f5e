package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schema generated from the declared keys, checked by an independent validator
 * (networknt, draft-07): the shipped scenario files and their resolved forms validate against
 * the schema the repository ships, and the mistakes an editor should flag are flagged.
 */
class ScenarioSchemaTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    static Stream<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(ScenarioFiles.repoFile("scenarios"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
                    .sorted().collect(Collectors.toList());
            return list.stream();
        }
    }

    private static Schema shipped() throws IOException {
        Path file = ScenarioFiles.repoFile(ScenarioSchema.REPOSITORY_FILE);
        return REGISTRY.getSchema(new ObjectMapper().readTree(file.toFile()));
    }

    private static Schema generated() {
        return REGISTRY.getSchema(ScenarioSchema.tree(List.of("fifo")));
    }

    private static List<String> errors(Schema schema, String yaml) throws IOException {
        return schema.validate(YAML.readTree(yaml)).stream().map(Error::toString).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void everyScenarioFileAndItsResolvedFormValidate(Path file) throws Exception {
        JsonNode tree = YAML.readTree(file.toFile());
        assertEquals(List.of(), shipped().validate(tree).stream().map(Error::toString).collect(Collectors.toList()),
                file + " against " + ScenarioSchema.REPOSITORY_FILE);

        // The resolved scenario a run writes, every default spelled out, is a scenario file too.
        String resolved = new ScenarioWriter().write(new ScenarioLoader().load(file, ALWAYS_FITS));
        assertEquals(List.of(), errors(generated(), resolved), resolved);
    }

    @Test
    void theFormatReferenceExamplesValidate() throws Exception {
        String doc = Files.readString(ScenarioFiles.repoFile("docs/SCENARIO-FORMAT.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        assertEquals(List.of(), errors(generated(), doc.substring(start, doc.indexOf("```", start))));
        assertEquals(List.of(), errors(generated(), MINIMAL));
    }

    @Test
    void whatAnEditorShouldFlagIsFlaggedAtItsPath() throws Exception {
        String broken = MINIMAL
                .replace("gpusPerNode: 8", "gpusPerNod: 8")
                .replace("nicBandwidth: 400 Gb/s", "nicBandwidth: 400")
                .replace("precision: bf16", "precision: fp9")
                .replace("iterations: 100", "iterations: 100\n      tokens: 1B\n      submit: 5 minutes")
                + "simulation: {network: packets, timeseriesPoints: 0}\n"
                + "policy: {name: my-own-policy}\n";

        List<String> errors = errors(generated(), broken);

        String all = String.join("\n", errors);
        assertTrue(all.contains("gpusPerNod"), all);
        assertTrue(all.contains("gpusPerNode"), "the missing required key: " + all);
        assertTrue(all.contains("/cluster/nodeGroups/0/nicBandwidth"), all);
        assertTrue(all.contains("/workload/jobs/0/precision"), all);
        assertTrue(all.contains("/workload/jobs/0/submit"), all);
        assertTrue(all.contains("/workload/jobs/0"), "iterations and tokens both: " + all);
        assertTrue(all.contains("/simulation/network"), all);
        assertTrue(all.contains("/simulation/timeseriesPoints"), all);
        assertTrue(errors.stream().noneMatch(e -> e.contains("/policy/name")), "any policy name is accepted: " + all);
    }

    @Test
    void valuesTheLoaderAcceptsInOtherSpellingsAreAcceptedToo() throws Exception {
        String spellings = MINIMAL
                .replace("precision: bf16", "precision: BF16")
                .replace("parallelism: {tp: 4}", "parallelism: {tp: 4}\n      recompute: Selective\n      tokens: 1.5T")
                .replace("      iterations: 100\n", "")
                .replace("400 Gb/s", "400Gb/s")
                + "cost: {electricity: 0.1 usd/kwh}\n"
                + "hardware:\n  H100-SXM: {peakTflops: {fp8: null}, price: 2 usd/h}\n"
                + "  mine: {basedOn: H100-SXM}\n";

        assertEquals(List.of(), errors(generated(), spellings));
    }

    @Test
    void generatorsAreCheckedByTheirKind() throws Exception {
        String text = MINIMAL + String.join("\n",
                "  generators:",
                "    - {name: t, kind: trace, trace: philly, count: 5, meanInterarrival: 1 h}",
                "    - {name: m, count: 5, meanInterarrival: 1 h, mix: [{name: k, weight: 1, iterations: {min: 1, max: 2},",
                "       job: {model: gpt-1.3b, precision: bf16, globalBatch: 4, tenant: x}}]}",
                "");

        String all = String.join("\n", errors(generated(), text));

        assertTrue(all.contains("/workload/generators/0") && all.contains("meanInterarrival"), all);
        assertTrue(all.contains("/workload/generators/1/mix/0/job") && all.contains("tenant"), all);
    }

    @Test
    void theSchemaIsAValidDraft07Schema() throws Exception {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        assertEquals(List.of(), meta.validate(ScenarioSchema.tree(List.of("fifo"))).stream().map(Error::toString)
                .collect(Collectors.toList()));
    }

    @Test
    void sameNamesSameBytes() {
        assertEquals(ScenarioSchema.json(List.of("fifo", "las")), ScenarioSchema.json(List.of("fifo", "las")));
        assertTrue(ScenarioSchema.json(List.of("fifo")).endsWith("}\n"));
        assertTrue(!ScenarioSchema.json(List.of("fifo")).contains("\r"));
    }
}
