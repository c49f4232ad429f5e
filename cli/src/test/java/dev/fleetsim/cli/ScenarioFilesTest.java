package dev.fleetsim.cli;

import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.run.RunControl;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.run.ScenarioRunner;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
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

/**
 * Every file in scenarios/ validates, runs to the end, and runs the same way twice. A large
 * scenario (more than {@link #LARGE_JOBS} jobs) runs in full once, and its twice-the-same check
 * runs on a copy whose generators draw only {@link #SMALL_COUNT} jobs each, so the suite stays fast.
 */
class ScenarioFilesTest {
    static final int LARGE_JOBS = 20_000;
    static final int SMALL_COUNT = 3_000;

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
        assertTrue(first.summary().jobs() > 0);
        assertEquals(0, first.summary().rejected(), "a shipped scenario should not reject jobs");
        if (spec.simulation().horizonNs().isEmpty()) {
            assertEquals(first.summary().jobs(), first.summary().finished(), "every job finishes without a horizon");
        }
        ScenarioSpec twice = first.summary().jobs() > LARGE_JOBS ? smaller(spec) : spec;
        if (twice != spec) {
            first = ScenarioRunner.run(twice, policies, RunControl.NONE);
            assertTrue(first.summary().jobs() <= LARGE_JOBS, "the smaller copy is small: " + first.summary().jobs());
        }
        RunResult second = ScenarioRunner.run(twice, policies, RunControl.NONE);
        assertEquals(ResultWriter.summaryJson(first.summary()), ResultWriter.summaryJson(second.summary()));
        assertEquals(ResultWriter.jobsCsv(first.jobs()), ResultWriter.jobsCsv(second.jobs()));
    }

    /** The scenario with every generator drawing at most {@link #SMALL_COUNT} jobs. */
    private static ScenarioSpec smaller(ScenarioSpec spec) {
        WorkloadSpec w = spec.workload();
        List<GeneratorSpec> mix = w.generators().stream().map(g -> new GeneratorSpec(g.name(),
                Math.min(g.count(), SMALL_COUNT), g.startNs(), g.meanInterarrivalNs(), g.mix(), g.tenants())).toList();
        List<TraceGeneratorSpec> traces = w.traceGenerators().stream().map(g -> new TraceGeneratorSpec(g.name(), g.trace(),
                Math.min(g.count(), SMALL_COUNT), g.startNs(), g.scale(), g.diurnalAmplitude(), g.tenants(), g.tenantSkew(),
                g.sizeDurationCorrelation(), g.maxGpus(), g.gpuType())).toList();
        return new ScenarioSpec(spec.name(), spec.description(), spec.simulation(), spec.hardware(), spec.cluster(),
                new WorkloadSpec(w.jobs(), mix, traces), spec.policy(), spec.cost());
    }
}
