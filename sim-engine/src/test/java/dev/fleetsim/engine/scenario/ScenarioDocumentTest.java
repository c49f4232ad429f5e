package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 7 item 14: YAML anchors, aliases and merge keys resolved; one document; UTF-8 only. */
class ScenarioDocumentTest {

    /** Two jobs sharing a tenant through an anchor, and a job template through a merge key. */
    private static final String WITH_ALIASES = String.join("\n",
            "name: aliases",
            "cluster:",
            "  nodeGroups:",
            "    - {name: h100, gpuType: H100-SXM, count: &nodes 2, gpusPerNode: 8, nicsPerNode: 8,"
                    + " nicBandwidth: 400 Gb/s}",
            "workload:",
            "  jobs:",
            "    - &base",
            "      id: a",
            "      model: llama2-7b",
            "      precision: bf16",
            "      globalBatch: 32",
            "      parallelism: {tp: 4}",
            "      iterations: *nodes",
            "      tenant: &team research",
            "    - <<: *base",
            "      id: b",
            "      tenant: *team",
            "      globalBatch: 64",
            "");

    @Test
    void aliasesTakeTheValueTheirAnchorNames() throws Exception {
        ScenarioSpec spec = load(WITH_ALIASES);

        assertEquals("research", spec.workload().jobsOf(TrainingJobSpec.class).get(0).tenant());
        assertEquals("research", spec.workload().jobsOf(TrainingJobSpec.class).get(1).tenant(), "tenant: *team is the anchored value");
        assertEquals(2, spec.workload().jobsOf(TrainingJobSpec.class).get(0).iterations(), "a number through an alias");
    }

    @Test
    void aMergeKeyCopiesTheKeysTheMapDoesNotGiveItself() throws Exception {
        ScenarioSpec spec = load(WITH_ALIASES);

        var b = spec.workload().jobsOf(TrainingJobSpec.class).get(1);
        assertEquals("b", b.id(), "its own id wins over the merged one");
        assertEquals(64, b.globalBatchSeqs(), "its own globalBatch, given after <<, wins too");
        assertEquals(4, b.parallelism().tp(), "the rest comes from *base");
        assertEquals("llama2-7b", b.model().name());
    }

    @Test
    void aListOfMergedMapsLetsTheFirstWin() throws Exception {
        String text = MINIMAL.replace("    - id: a\n", "    - <<: [{tenant: first}, {tenant: second, priority: 3}]\n"
                + "      id: a\n");

        var job = load(text).workload().jobsOf(TrainingJobSpec.class).get(0);

        assertEquals("first", job.tenant());
        assertEquals(3, job.priority());
    }

    @Test
    void anAliasOfNoAnchorIsAProblemAtItsLine() {
        List<Problem> problems = problems(MINIMAL.replace("iterations: 100", "iterations: *g"));

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("line 17, column 19", problems.get(0).path());
        assertTrue(problems.get(0).found().contains("undefined alias"), problems.get(0).found());
    }

    @Test
    void mergingSomethingThatIsNotAMapSaysSo() {
        List<Problem> problems = problems(MINIMAL.replace("    - id: a\n", "    - <<: 5\n      id: a\n"));

        assertEquals("a merge key (<<) with 5", problems.get(0).found());
        assertEquals("line 12, column 11", problems.get(0).path());
    }

    @Test
    void anAliasInsideItsOwnValueIsRefused() {
        List<Problem> problems = problems("name: x\ndescription: &d [*d]\n");

        assertTrue(problems.get(0).found().startsWith("an alias inside the value it names"), problems.toString());
    }

    @Test
    void aliasesThatExpandBeyondBoundsAreRefused() {
        StringBuilder text = new StringBuilder("name: laughs\npolicy:\n  params:\n    a0: &a0 {x: 1, y: 2}\n");
        for (int i = 1; i <= 9; i++) {
            text.append("    a").append(i).append(": &a").append(i).append(" {");
            for (int k = 0; k < 10; k++) {
                text.append(k == 0 ? "" : ", ").append('k').append(k).append(": *a").append(i - 1);
            }
            text.append("}\n");
        }

        long start = System.nanoTime();
        List<Problem> problems = problems(text.toString());

        assertTrue(problems.get(0).found().startsWith("a document whose aliases expand to more than"), problems.toString());
        assertTrue(System.nanoTime() - start < 5e9, "refused without expanding");
    }

    @Test
    void aSecondDocumentIsRefusedNotIgnored() {
        List<Problem> problems = problems(MINIMAL + "---\nname: other\n");

        assertEquals(List.of(new Problem("line 19, column 1", "a second YAML document (after ---)",
                "one document per file: one scenario")), problems);
    }

    @Test
    void aLeadingDocumentMarkerIsFine() throws Exception {
        assertEquals("minimal", load("---\n" + MINIMAL).name());
    }

    @Test
    void aSecondJsonValueIsRefusedNotIgnored() {
        List<Problem> problems = problems("{\"name\": \"j\"}\n{\"name\": \"k\"}", "s.json", ALWAYS_FITS);

        assertEquals(List.of(new Problem("line 2, column 1", "a second JSON value after the scenario",
                "one JSON value per file: the scenario object")), problems);
    }

    @Test
    void invalidUtf8IsNamedByItsByte(@TempDir Path dir) throws Exception {
        byte[] head = "name: caf".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9; // Latin-1 é, not UTF-8
        bytes[head.length + 1] = '\n';
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, bytes);

        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioLoader().load(file, ALWAYS_FITS));

        assertEquals(List.of(new Problem("(file)", "text that is not UTF-8 at byte 9 (line 1: 0xE9)",
                "a scenario file in UTF-8 (save it as UTF-8)")), e.problems());
    }

    @Test
    void aByteOrderMarkIsDropped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.yaml");
        Files.writeString(file, "\uFEFF" + MINIMAL);

        assertEquals("minimal", new ScenarioLoader().load(file, ALWAYS_FITS).name());
    }

    @Test
    void aCustomTagIsRefused() {
        List<Problem> problems = problems(MINIMAL.replace("iterations: 100", "iterations: !include other.yaml"));

        assertEquals("the tag !include", problems.get(0).found());
    }

    @Test
    void deepNestingIsASyntaxProblemNotAStackOverflow() {
        String deep = "name: x\ndescription: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

        List<Problem> problems = problems(deep);

        assertTrue(problems.get(0).found().startsWith("invalid YAML"), problems.toString());
        assertTrue(problems.get(0).allowed().contains("nested at most"), problems.toString());
    }

    @Test
    void yamlNumbersReadAsYamlDefinesThem() throws Exception {
        var job = load(MINIMAL.replace("iterations: 100", "iterations: 1_000")).workload().jobsOf(TrainingJobSpec.class).get(0);

        assertEquals(1000, job.iterations());
    }
}
