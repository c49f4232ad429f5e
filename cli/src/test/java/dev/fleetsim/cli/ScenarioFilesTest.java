package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    /** A scenario whose services serve more requests than this is large too; its copies serve at most SMALL_COUNT each. */
    static final long LARGE_REQUESTS = 20_000;
    static final int SMALL_COUNT = 3_000;
    static final int EVERY_POLICY_COUNT = 300;

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
        Fleetsim fleetsim = Fleetsim.create();
        ScenarioSpec spec = fleetsim.validate(file).orThrow();
        RunResult first = fleetsim.run(spec, SimulationObserver.NONE);
        assertTrue(first.summary().counts().jobs() > 0);
        assertEquals(0, first.summary().counts().rejected(), "a shipped scenario should not reject jobs");
        if (spec.simulation().horizonNs().isEmpty()) {
            assertEquals(first.summary().counts().jobs(), first.summary().counts().finished(), "every job finishes without a horizon");
        }
        long requests = first.summary().services().stream().mapToLong(x -> x.requests().arrived()).sum();
        ScenarioSpec twice = first.summary().counts().jobs() > LARGE_JOBS || requests > LARGE_REQUESTS ? smaller(spec) : spec;
        if (twice != spec) {
            first = fleetsim.run(twice, SimulationObserver.NONE);
            assertTrue(first.summary().counts().jobs() <= LARGE_JOBS, "the smaller copy is small: " + first.summary().counts().jobs());
        }
        RunResult second = fleetsim.run(twice, SimulationObserver.NONE);
        assertEquals(ResultWriter.summaryJson(first.summary()), ResultWriter.summaryJson(second.summary()));
        assertEquals(ResultWriter.jobsCsv(first.jobs()), ResultWriter.jobsCsv(second.jobs()));
    }

    /**
     * Every registered policy, with its default parameters, runs every scenario to the end (on a
     * copy whose generators draw at most {@link #EVERY_POLICY_COUNT} jobs each, to keep it quick).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void everyPolicyRunsOnIt(Path file) throws Exception {
        Fleetsim fleetsim = Fleetsim.create();
        ScenarioSpec spec = smaller(fleetsim.validate(file).orThrow(), EVERY_POLICY_COUNT);
        for (String name : fleetsim.policies().names()) {
            PolicySpec policy = name.equals(spec.policy().name()) ? spec.policy()
                    : new PolicySpec(name, Map.of(), spec.policy().preemption());
            ScenarioSpec variant = new ScenarioSpec(spec.name(), spec.description(), spec.simulation(), spec.hardware(),
                    spec.cluster(), spec.workload(), policy, spec.cost());
            RunResult r = fleetsim.run(variant, SimulationObserver.NONE);
            assertEquals(0, r.summary().counts().rejected(), name);
            if (spec.simulation().horizonNs().isEmpty()) {
                assertEquals(r.summary().counts().jobs(), r.summary().counts().finished(), name + ": every job finishes");
            }
        }
    }

    private static ScenarioSpec smaller(ScenarioSpec spec) {
        return smaller(spec, SMALL_COUNT);
    }

    /** The scenario with every generator drawing at most {@code count} jobs and every service sending at most {@code count} requests. */
    private static ScenarioSpec smaller(ScenarioSpec spec, int count) {
        WorkloadSpec w = spec.workload();
        List<GeneratorSpec> mix = w.generators().stream().map(g -> new GeneratorSpec(g.name(),
                Math.min(g.count(), count), g.startNs(), g.meanInterarrivalNs(), g.mix(), g.tenants())).toList();
        List<TraceGeneratorSpec> traces = w.traceGenerators().stream().map(g -> new TraceGeneratorSpec(g.name(), g.trace(),
                Math.min(g.count(), count), g.startNs(), g.scale(), g.diurnalAmplitude(), g.tenants(), g.tenantSkew(),
                g.sizeDurationCorrelation(), g.maxGpus(), g.gpuType())).toList();
        List<ServiceSpec> services = w.services().stream().map(s -> s.withRequests(s.requests().withCount(
                Math.min(s.requests().count().orElse(Long.MAX_VALUE), count)))).toList();
        return new ScenarioSpec(spec.name(), spec.description(), spec.simulation(), spec.hardware(), spec.cluster(),
                new WorkloadSpec(w.jobs(), mix, traces, services), spec.policy(), spec.cost());
    }
}
