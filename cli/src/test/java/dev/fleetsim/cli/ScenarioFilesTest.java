package dev.fleetsim.cli;

import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunControl;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.run.ScenarioRunner;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in scenarios/ validates, runs to the end, and runs the same way twice. */
class ScenarioFilesTest {

    static Stream<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(TestPaths.scenarios())) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                    .sorted().toList();
            assertFalse(list.isEmpty(), "no scenario files found");
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void runsCompletelyAndDeterministically(Path file) throws Exception {
        ScenarioSpec spec = new ScenarioLoader().load(file, ScenarioRunner.feasibilityCheck());
        PolicyRegistry policies = PolicyRegistry.load();
        assertEquals(List.of(), ScenarioRunner.policyProblems(spec, policies));
        RunResult first = ScenarioRunner.run(spec, policies, RunControl.NONE);
        RunResult second = ScenarioRunner.run(spec, policies, RunControl.NONE);
        assertTrue(first.summary().jobs() > 0);
        assertEquals(0, first.summary().rejected(), "a shipped scenario should not reject jobs");
        if (spec.simulation().horizonNs().isEmpty()) {
            assertEquals(first.summary().jobs(), first.summary().finished(), "every job finishes without a horizon");
        }
        assertEquals(ResultWriter.summaryJson(first.summary()), ResultWriter.summaryJson(second.summary()));
        assertEquals(ResultWriter.jobsCsv(first.jobs()), ResultWriter.jobsCsv(second.jobs()));
    }
}
