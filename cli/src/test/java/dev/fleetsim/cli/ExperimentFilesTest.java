package dev.fleetsim.cli;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.experiment.Point;
import dev.fleetsim.engine.experiment.Sweeps;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
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
 * Every experiment file in experiments/ validates (every point), its resolved form (the
 * {@code experiment.yaml} a sweep keeps, which the Spark runner's executors read) reads back to
 * the same points, and its first and last points run to the end — cheaply: two runs per file,
 * not the sweep.
 */
class ExperimentFilesTest {
    static Stream<Path> experimentFiles() throws IOException {
        try (Stream<Path> files = Files.list(TestPaths.root().resolve("experiments"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                    .sorted().toList();
            assertFalse(list.isEmpty(), "no experiment files found");
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experimentFiles")
    void validatesReadsBackAndItsEndPointsRun(Path file) throws Exception {
        Fleetsim fleetsim = Fleetsim.create();
        ExperimentPlan plan = fleetsim.validateExperiment(file).orThrow();
        assertTrue(plan.points().size() > 1, "an experiment with axes");
        ExperimentPlan again = fleetsim.validateExperiment(fleetsim.resolvedExperiment(plan), Sweeps.EXPERIMENT,
                file.getParent()).orThrow();
        assertEquals(plan.points(), again.points());
        for (Point p : List.of(plan.points().get(0), plan.points().get(plan.points().size() - 1))) {
            assertEquals(plan.fingerprint(p), again.fingerprint(p), p.id());
            RunResult r = fleetsim.run(plan.scenario(p), SimulationObserver.NONE);
            assertTrue(r.summary().counts().jobs() > 0, p.id());
            assertEquals(0, r.summary().counts().rejected(), p.id() + ": a shipped experiment should not reject jobs");
        }
    }
}
