package dev.fleetsim.engine.scenario;

import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.Recompute;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static dev.fleetsim.engine.scenario.ScenarioTexts.ALWAYS_FITS;
import static dev.fleetsim.engine.scenario.ScenarioTexts.MINIMAL;
import static dev.fleetsim.engine.scenario.ScenarioTexts.load;
import static dev.fleetsim.engine.scenario.ScenarioTexts.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLoaderTest {

    @Test
    void quickstartLoadsWithItsValuesAndTheDefaults() throws Exception {
        ScenarioSpec spec = new ScenarioLoader().load(ScenarioFiles.scenario("quickstart.yaml"), ALWAYS_FITS);

        assertEquals("quickstart", spec.name());
        assertEquals(42, spec.simulation().seed());
        assertEquals(400, spec.simulation().timeseriesPoints());
        assertTrue(spec.simulation().horizonNs().isEmpty());
        ClusterSpec cluster = spec.cluster();
        assertEquals(12 * 8, cluster.totalGpus());
        assertEquals(400e9 / 8, cluster.nodeGroups().get(0).nicBandwidthBytesPerS());
        assertEquals(2.0, cluster.fabric().oversubscription());
        assertEquals(5_000, cluster.fabric().nicLatencyNs());

        TrainingJobSpec job = spec.workload().jobsOf(TrainingJobSpec.class).get(0);
        assertEquals("llama3-8b", job.model().name());
        // tokens 8B at 256 sequences x 8192 tokens per iteration: ceil(8e9 / 2,097,152) = 3815.
        assertEquals(3815, job.iterations());
        assertEquals(2 * 1 * 16, job.gpus());
        assertEquals(Recompute.SELECTIVE, job.recompute());
        assertEquals("research", job.tenant());

        GeneratorSpec generator = spec.workload().generators().get(0);
        assertEquals(300, generator.count());
        assertEquals(10 * 60_000_000_000L, generator.startNs());
        assertEquals(List.of("research", "product", "infra"), generator.tenants());
        assertEquals(4, generator.mix().size());
        JobTemplateSpec pretrain = generator.mix().get(3);
        assertEquals(2, pretrain.prototype().parallelism().virtualStages());
        assertEquals(0.8, pretrain.prototype().dpOverlap(), "default dpOverlap");
        assertEquals(100, pretrain.minIterations());
        assertEquals(600, pretrain.maxIterations());

        assertEquals(new PolicySpec("fifo", Map.of("placement", "first-fit")), spec.policy());
        assertEquals(new CostSpec(1.3, 0.12), spec.cost());
        assertTrue(spec.hardware().containsKey("H100-SXM") && spec.hardware().containsKey("MI300X"),
                "the resolved catalogue holds every shipped type");
    }

    @Test
    void omittedSectionsAndKeysTakeTheDocumentedDefaults() throws Exception {
        ScenarioSpec spec = load(MINIMAL);

        assertEquals(new SimulationSpec(OptionalLong.empty(), 0, 500, true, NetworkMode.FLOW), spec.simulation());
        assertEquals(new FabricSpec(4, 1.0, 5_000, 1_000), spec.cluster().fabric());
        assertEquals(spec.cluster().fabric(), Scenarios.DEFAULT_FABRIC, "the fabric of scenarios built in code");
        assertEquals(spec.cost(), Scenarios.DEFAULT_COST, "the cost of scenarios built in code");
        assertEquals(new PolicySpec("fifo", Map.of()), spec.policy());
        assertEquals(new CostSpec(1.2, 0.12), spec.cost());
        TrainingJobSpec job = spec.workload().jobsOf(TrainingJobSpec.class).get(0);
        assertEquals(1, job.microBatchSeqs());
        assertEquals(4, job.parallelism().tp());
        assertEquals(1, job.parallelism().pp());
        assertEquals(1, job.parallelism().dp());
        assertEquals(Recompute.NONE, job.recompute());
        assertEquals(0, job.zeroStage());
        assertTrue(job.flashAttention());
        assertEquals(0, job.submitTimeNs());
        assertEquals("default", job.tenant());
        assertEquals(0, job.priority());
        assertTrue(job.gpuType().isEmpty());
        assertTrue(job.options().hostPerKernelNs().isEmpty(), "eager PyTorch's host cost unless a job sets one");
        assertEquals("", spec.description());
    }

    @Test
    void aJobsHostCostPerKernelReadsAsADuration() throws Exception {
        String yaml = MINIMAL.replace("      iterations: 100", "      iterations: 100\n      hostPerKernel: 12 us");
        TrainingJobSpec job = load(yaml).workload().jobsOf(TrainingJobSpec.class).get(0);
        assertEquals(OptionalLong.of(12_000), job.options().hostPerKernelNs());
        List<Problem> bad = problems(MINIMAL.replace("      iterations: 100", "      iterations: 100\n      hostPerKernel: -1 us"));
        assertTrue(bad.get(0).toString().contains("hostPerKernel"), bad.toString());
    }

    @Test
    void everyMistakeIsReportedAtOnceWithPathFoundAndAllowed() {
        String text = String.join("\n",
                "name: broken",
                "simulation:",
                "  timeseriesPoints: 0",
                "cluster:",
                "  nodeGroups:",
                "    - name: h100",
                "      gpuType: H100-SMX",
                "      count: 2",
                "      gpusPerNode: 8",
                "      nicsPerNode: 8",
                "      nicBandwidth: 400 Gb/s",
                "  fabric:",
                "    oversubscription: 0.5",
                "workload:",
                "  jobs:",
                "    - id: a",
                "      model: llama2-7b",
                "      precision: fp9",
                "      globalBatch: 32",
                "      parallelism: {tp: 0, pp: 1, dp: 2}",
                "      dpOverlap: 1.5",
                "      iterations: 100",
                "    - id: a",
                "      model: llama2-7b",
                "      precision: bf16",
                "      globalBatch: 30",
                "      parallelism: {tp: 1, dp: 4}",
                "      submit: 5 minutes",
                "      tokens: 1B",
                "  generators:",
                "    - name: g",
                "      count: 10",
                "      meanInterarrival: 1 h",
                "      mix:",
                "        - name: k",
                "          weight: 0",
                "          iterations: {min: 10, max: 5}",
                "          job: {model: llama2-7b, precision: bf16, globalBatch: 8, tenant: x}",
                "cost:",
                "  electricity: 12 cents",
                "");

        List<Problem> problems = problems(text);

        assertEquals(List.of(
                new Problem("simulation.timeseriesPoints", "0", "an integer from 1 to 1000000"),
                new Problem("cluster.nodeGroups[0].gpuType", "\"H100-SMX\"", "a GPU type of the catalogue or the "
                        + "hardware section: one of A100-80GB, H100-SXM, H200, B200, L40S, MI300X, V100-SXM2-32GB, P40 (did you mean H100-SXM?)"),
                new Problem("cluster.fabric.oversubscription", "0.5", "a number in [1, 1000]"),
                new Problem("workload.jobs[0].precision", "\"fp9\"", "one of fp32, tf32, bf16, fp16, fp8 (did you mean fp8?)"),
                new Problem("workload.jobs[0].parallelism.tp", "0", "an integer from 1 to 1000000"),
                new Problem("workload.jobs[0].dpOverlap", "1.5", "a number in [0, 1]"),
                new Problem("workload.jobs[1].id", "\"a\"", "an id no other job has (workload.jobs[0] has it)"),
                new Problem("workload.jobs[1].submit", "\"5 minutes\"", "from 0 s to 36500 d (100 years): "
                        + Units.DURATION_UNITS),
                new Problem("workload.jobs[1].globalBatch", "30", "a multiple of dp x microBatch = 4 x 1 = 4"),
                new Problem("workload.generators[0].mix[0].weight", "0", "a number in (0, 1000000000]"),
                new Problem("workload.generators[0].mix[0].iterations.max", "5", "at least min (10)"),
                new Problem("workload.generators[0].mix[0].job.tenant", "key \"tenant\"",
                        "no tenant here: each draw takes one of the generator's tenants"),
                new Problem("cost.electricity", "\"12 cents\"", "from 0 to 100 USD/kWh: a price such as \"0.12 USD/kWh\"")), problems);
    }

    @Test
    void exceptionFormatsOneProblemPerLine() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioLoader().parse(
                MINIMAL.replace("count: 2", "count: -2").replace("globalBatch: 32", "globalBatch: 0"), "x.yaml",
                ALWAYS_FITS));

        assertEquals("cluster.nodeGroups[0].count: found -2; expected an integer from 1 to 1000000\n"
                + "workload.jobs[0].globalBatch: found 0; expected an integer from 1 to 100000000", e.format());
        assertTrue(e.getMessage().startsWith("x.yaml: 2 problems\n"));
    }

    @Test
    void misspeltKeySuggestsTheClosestAllowedKey() {
        List<Problem> problems = problems(MINIMAL.replace("gpusPerNode", "gpusPerNod").replace("globalBatch", "globalbatch"));

        Problem node = problems.get(0);
        assertEquals("cluster.nodeGroups[0].gpusPerNod", node.path());
        assertEquals("unknown key \"gpusPerNod\"", node.found());
        assertTrue(node.allowed().endsWith("(did you mean gpusPerNode?)"), node.allowed());
        assertTrue(node.allowed().contains("one of name, gpuType, count, gpusPerNode, nicsPerNode, nicBandwidth"));
        // The required key it replaced is missing too, which is reported as well.
        assertEquals(new Problem("cluster.nodeGroups[0].gpusPerNode", "nothing", "an integer from 1 to 1024"),
                problems.get(1));
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("workload.jobs[0].globalbatch")
                && p.allowed().endsWith("(did you mean globalBatch?)")), problems.toString());
    }

    @Test
    void farOffKeyGetsNoSuggestion() {
        Problem p = problems(MINIMAL.replace("name: minimal", "name: minimal\nzzzqx: {}")).get(0);

        assertEquals("zzzqx", p.path());
        // the keys once (was "a key of a scenario (name, ..., faults): one of name, ..., faults")
        assertEquals("a key of a scenario: one of name, description, simulation, hardware, cluster, workload, tenants,"
                + " policy, cost, faults", p.allowed());
    }

    @Test
    void badYamlSyntaxGivesLineAndColumn() {
        String text = "name: x\ncluster:\n  nodeGroups: [\n    - name: a\n";

        List<Problem> problems = problems(text);

        assertEquals(1, problems.size());
        assertEquals("line 4, column 5", problems.get(0).path());
        assertTrue(problems.get(0).found().startsWith("invalid YAML: "), problems.get(0).found());
        assertFalse(problems.get(0).found().contains("\n"));
        assertFalse(problems.get(0).found().contains("at com."), "no stack trace");
    }

    @Test
    void duplicateYamlKeyIsASyntaxError() {
        List<Problem> problems = problems(MINIMAL.replace("      count: 2", "      count: 2\n      count: 3"));

        assertEquals(List.of(new Problem("line 7, column 7", "invalid YAML: key \"count\" given twice in the same map",
                "well-formed YAML (or JSON)")), problems);
    }

    @Test
    void jsonIsAcceptedAsJsonAndAsYaml() throws Exception {
        String json = "{\"name\": \"j\", \"cluster\": {\"nodeGroups\": [{\"name\": \"g\", \"gpuType\": \"A100-80GB\","
                + " \"count\": 1, \"gpusPerNode\": 8, \"nicsPerNode\": 0}]},"
                + " \"workload\": {\"jobs\": [{\"id\": \"a\", \"model\": \"gpt-1.3b\", \"precision\": \"bf16\","
                + " \"globalBatch\": 8, \"parallelism\": {\"dp\": 8}, \"iterations\": 10}]}}";

        ScenarioSpec asJson = new ScenarioLoader().parse(json, "s.json", ALWAYS_FITS);
        ScenarioSpec asYaml = new ScenarioLoader().parse(json, "s.yaml", ALWAYS_FITS);

        assertEquals(asJson, asYaml);
        assertEquals(8, asJson.workload().jobs().get(0).gpus());
        assertEquals(0.0, asJson.cluster().nodeGroups().get(0).nicBandwidthBytesPerS(), "no NICs, no bandwidth");
        List<Problem> bad = problems("{\"name\": \"j\",\n \"cluster\": }", "s.json", ALWAYS_FITS);
        assertEquals("line 2, column 13", bad.get(0).path());
        assertTrue(bad.get(0).found().startsWith("invalid JSON: "));
    }

    @Test
    void loadsAJsonFileFromDisk(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.json");
        Files.writeString(file, "{\"name\": \"disk\", \"cluster\": {\"nodeGroups\": [{\"name\": \"g\", \"gpuType\": "
                + "\"L40S\", \"count\": 1, \"gpusPerNode\": 4, \"nicsPerNode\": 1, \"nicBandwidth\": \"100 Gb/s\"}]},"
                + " \"workload\": {\"jobs\": [{\"id\": \"a\", \"model\": \"gpt-1.3b\", \"precision\": \"fp16\","
                + " \"globalBatch\": 4, \"iterations\": 1}]}}");

        assertEquals("disk", new ScenarioLoader().load(file, ALWAYS_FITS).name());
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> new ScenarioLoader().load(dir.resolve("nope.yaml"), ALWAYS_FITS));
        assertEquals("(file)", missing.problems().get(0).path());
        assertTrue(missing.problems().get(0).found().startsWith("no file at "));
    }

    @Test
    void tokensAndIterationsAreExactlyOne() {
        List<Problem> both = problems(MINIMAL.replace("iterations: 100", "iterations: 100\n      tokens: 1B"));
        List<Problem> neither = problems(MINIMAL.replace("      iterations: 100\n", ""));

        assertEquals(List.of(new Problem("workload.jobs[0].tokens", "\"1B\" as well as iterations 100",
                "exactly one of iterations or tokens")), both);
        assertEquals(List.of(new Problem("workload.jobs[0]", "no iterations or tokens",
                "exactly one of iterations (a count) or tokens (e.g. \"8B\")")), neither);
    }

    @Test
    void seqLengthOverrideChangesTheModelAndTheTokenArithmetic() throws Exception {
        ScenarioSpec spec = load(MINIMAL.replace("iterations: 100", "seqLength: 2048\n      tokens: 1M"));

        TrainingJobSpec job = spec.workload().jobsOf(TrainingJobSpec.class).get(0);
        assertEquals(2048, job.model().seqLength());
        // 1e6 tokens / (32 sequences x 2048 tokens) = 15.26 -> 16 iterations.
        assertEquals(16, job.iterations());
    }

    @Test
    void inlineModelIsCheckedAndDefaulted() throws Exception {
        ScenarioSpec spec = load(MINIMAL.replace("model: llama2-7b",
                "model: {name: tiny, layers: 4, hidden: 256, heads: 4, vocab: 1000, seqLength: 128}"));
        List<Problem> bad = problems(MINIMAL.replace("model: llama2-7b",
                "model: {name: odd, layers: 4, hidden: 250, heads: 8, kvHeads: 3, gatedMlp: true, vocab: 10, seqLength: 8}"));

        assertEquals(4 * 256, spec.workload().jobsOf(TrainingJobSpec.class).get(0).model().ffnHidden(), "GPT MLP default 4h");
        assertEquals(4, spec.workload().jobsOf(TrainingJobSpec.class).get(0).model().kvHeads(), "kvHeads defaults to heads");
        assertEquals(List.of(
                new Problem("workload.jobs[0].model.ffnHidden", "nothing", "an integer from 1 to 10000000")), bad);
        List<Problem> shape = problems(MINIMAL.replace("model: llama2-7b",
                "model: {name: odd, layers: 4, hidden: 250, heads: 8, kvHeads: 3, vocab: 10, seqLength: 8}"));
        assertEquals(List.of(
                new Problem("workload.jobs[0].model.heads", "8", "a head count dividing hidden 250 (or a headDim)"),
                new Problem("workload.jobs[0].model.kvHeads", "3", "a divisor of heads 8")), shape);
    }

    @Test
    void unknownModelListsTheCatalogueAndSuggests() {
        Problem p = problems(MINIMAL.replace("model: llama2-7b", "model: lama3-70b")).get(0);

        assertEquals("workload.jobs[0].model", p.path());
        assertEquals("\"lama3-70b\"", p.found());
        assertTrue(p.allowed().contains("gpt-1.3b, gpt3-175b, llama2-7b"), p.allowed());
        assertTrue(p.allowed().contains("(did you mean llama3-70b?)"), p.allowed());
    }

    @Test
    void layoutMustDivideTheModelAndTheBatch() {
        // pp 3 over 32 layers is an uneven split (the outer stages lighter), allowed; 40 chunks of 32 layers are not.
        List<Problem> problems = problems(MINIMAL.replace("parallelism: {tp: 4}",
                "parallelism: {tp: 3, pp: 40, dp: 1}\n      microBatch: 5"));

        assertEquals(List.of(
                new Problem("workload.jobs[0].globalBatch", "32", "a multiple of dp x microBatch = 1 x 5 = 5"),
                new Problem("workload.jobs[0].parallelism.pp", "40 (32 layers of llama2-7b over pp x virtualStages = "
                        + "40 x 1 = 40 model chunks)", "at most one model chunk per layer: pp x virtualStages <= 32 (or 34, the embedding and the loss a chunk "
                        + "each: Megatron's account_for_embedding/loss_in_pipeline_split)"),
                new Problem("workload.jobs[0].parallelism.tp", "3 (llama2-7b has 32 heads)",
                        "a tp dividing the 32 attention heads")), problems);
    }

    @Test
    void jobMustFitTheClusterButTpMaySpanNodes() throws Exception {
        // tp 16 over 8-GPU nodes is slow, not invalid.
        assertEquals(16, load(MINIMAL.replace("parallelism: {tp: 4}", "parallelism: {tp: 16}"))
                .workload().jobs().get(0).gpus());

        List<Problem> tooBig = problems(MINIMAL.replace("parallelism: {tp: 4}", "parallelism: {tp: 8, dp: 4}"));
        assertEquals(List.of(new Problem("workload.jobs[0].parallelism", "32 GPUs (tp x pp x dp = 8 x 1 x 4)",
                "at most 16 GPUs, the most of one type supporting bf16 in the cluster (H100-SXM); "
                        + "a job runs on one GPU type")), tooBig);
    }

    @Test
    void gpuTypeMustBeInTheClusterAndSupportThePrecision() {
        String twoTypes = MINIMAL.replace("workload:", String.join("\n",
                "    - name: a100",
                "      gpuType: A100-80GB",
                "      count: 1",
                "      gpusPerNode: 8",
                "      nicsPerNode: 4",
                "      nicBandwidth: 200 Gb/s",
                "workload:"));

        List<Problem> fp8 = problems(twoTypes.replace("precision: bf16", "precision: fp8\n      gpuType: A100-80GB"));
        List<Problem> absent = problems(twoTypes.replace("precision: bf16", "precision: bf16\n      gpuType: H200"));
        List<Problem> typo = problems(twoTypes.replace("precision: bf16", "precision: bf16\n      gpuType: a100-80gb"));

        assertEquals(List.of(new Problem("workload.jobs[0].precision", "\"fp8\"",
                "a precision A100-80GB supports: one of fp32, tf32, bf16, fp16")), fp8);
        assertEquals(List.of(new Problem("workload.jobs[0].gpuType", "\"H200\" (no node group has it)",
                "a GPU type the cluster has: one of H100-SXM, A100-80GB")), absent);
        assertEquals(List.of(new Problem("workload.jobs[0].gpuType", "\"a100-80gb\"",
                "a GPU type the cluster has (or leave gpuType out for any): one of H100-SXM, A100-80GB "
                        + "(did you mean A100-80GB?)")), typo);
    }

    @Test
    void everyNumericFieldIsRangeChecked() {
        List<Problem> problems = problems(MINIMAL
                .replace("name: minimal", "name: minimal\ncost: {pue: 0.9}")
                .replace("nicsPerNode: 8", "nicsPerNode: 0")
                .replace("iterations: 100", "iterations: 0\n      zeroStage: 4\n      virtualStages: 0"));

        assertEquals(List.of(
                new Problem("cluster.nodeGroups[0].nicsPerNode", "0",
                        "at least 1: the cluster has 2 nodes, which talk over NICs"),
                new Problem("workload.jobs[0].virtualStages", "0", "an integer from 1 to 1000"),
                new Problem("workload.jobs[0].zeroStage", "4", "an integer from 0 to 3"),
                new Problem("workload.jobs[0].iterations", "0", "an integer >= 1"),
                new Problem("cost.pue", "0.9", "a number in [1, 3]")), problems);
    }

    @Test
    void wrongTypesAreReportedByShape() {
        List<Problem> problems = problems(MINIMAL
                .replace("count: 2", "count: \"2\"")
                .replace("nicBandwidth: 400 Gb/s", "nicBandwidth: 400")
                .replace("id: a", "id: [a]"));

        assertEquals(List.of(
                new Problem("cluster.nodeGroups[0].count", "\"2\"", "an integer from 1 to 1000000"),
                new Problem("cluster.nodeGroups[0].nicBandwidth", "400 (no unit)", "from 1 Gb/s to 100 Tb/s: " + Units.BANDWIDTH_UNITS),
                new Problem("workload.jobs[0].id", "a list of 1", "a job id, unique in the scenario (1 to 100 characters, no control characters)")), problems);
    }

    @Test
    void policyParamsAreScalars() throws Exception {
        ScenarioSpec spec = load(MINIMAL + "policy:\n  name: easy-backfill\n  params: {depth: 4, alpha: 0.5, strict: true}\n");
        List<Problem> bad = problems(MINIMAL + "policy:\n  params: {weights: [1, 2]}\n");

        assertEquals(new PolicySpec("easy-backfill", Map.of("depth", 4L, "alpha", 0.5, "strict", true)), spec.policy());
        assertEquals(List.of(new Problem("policy.params.weights", "a list of 2",
                "a string, number, true/false, or a map of them")), bad);
    }

    @Test
    void simulationHorizonIsAPositiveDuration() throws Exception {
        ScenarioSpec spec = load(MINIMAL + "simulation: {seed: -3, horizon: 400 d, charts: false}\n");
        List<Problem> bad = problems(MINIMAL + "simulation: {horizon: 0 s}\n");

        assertEquals(400L * 86_400 * 1_000_000_000L, spec.simulation().horizonNs().getAsLong());
        assertEquals(-3, spec.simulation().seed());
        assertFalse(spec.simulation().charts());
        assertEquals(List.of(new Problem("simulation.horizon", "\"0 s\"", "more than 0 s, at most 36500 d (100 years): " + Units.DURATION_UNITS)), bad);
    }

    @Test
    void precisionIsReadIgnoringCase() throws Exception {
        assertEquals(Precision.BF16, load(MINIMAL.replace("precision: bf16", "precision: BF16"))
                .workload().jobs().get(0).precision());
    }
}
