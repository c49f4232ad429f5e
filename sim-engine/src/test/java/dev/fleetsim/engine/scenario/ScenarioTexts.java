package dev.fleetsim.engine.scenario;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Small scenario texts and helpers shared by the scenario tests. */
final class ScenarioTexts {

    static final JobFeasibilityCheck ALWAYS_FITS = (job, gpu) -> List.of();

    /** Two nodes of 8 x H100 and one 4-GPU job: valid, and the base the tests break on purpose. */
    static final String MINIMAL = String.join("\n",
            "name: minimal",
            "cluster:",
            "  nodeGroups:",
            "    - name: h100",
            "      gpuType: H100-SXM",
            "      count: 2",
            "      gpusPerNode: 8",
            "      nicsPerNode: 8",
            "      nicBandwidth: 400 Gb/s",
            "workload:",
            "  jobs:",
            "    - id: a",
            "      model: llama2-7b",
            "      precision: bf16",
            "      globalBatch: 32",
            "      parallelism: {tp: 4}",
            "      iterations: 100",
            "");

    private ScenarioTexts() {
    }

    static ScenarioSpec load(String yaml) throws ScenarioException {
        return new ScenarioLoader().parse(yaml, "test.yaml", ALWAYS_FITS);
    }

    static List<Problem> problems(String yaml) {
        return problems(yaml, "test.yaml", ALWAYS_FITS);
    }

    static List<Problem> problems(String text, String sourceName, JobFeasibilityCheck check) {
        return assertThrows(ScenarioException.class, () -> new ScenarioLoader().parse(text, sourceName, check))
                .problems();
    }

    /** {@link #MINIMAL} with the job's lines replaced by {@code jobLines} (indented as list items under jobs). */
    static String withJob(String... jobLines) {
        String head = MINIMAL.substring(0, MINIMAL.indexOf("    - id: a"));
        return head + String.join("\n", jobLines) + "\n";
    }
}
