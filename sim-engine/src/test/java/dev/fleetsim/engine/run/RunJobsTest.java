package dev.fleetsim.engine.run;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scenario.SimulationSpec;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run holds a job as its spec until it arrives and as its record once it ends ({@link RunJobs}):
 * the records still come back in submit order, each as the job left it, whichever ended first.
 */
class RunJobsTest {
    private static final ModelSpec GPT = ModelCatalog.find("gpt-1.3b").orElseThrow();
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();
    private static final long S = 1_000_000_000L;

    /** One node: long a and short b share it (4 GPUs each), c comes long after both ended, d after the horizon if one. */
    private static ScenarioSpec scenario(OptionalLong horizonNs, List<TrainingJobSpec> jobs) {
        ScenarioSpec s = Scenarios.of("four", 1, Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC), jobs,
                List.of(), new PolicySpec("in-order", Map.of()));
        return s.withSimulation(new SimulationSpec(horizonNs, 1, 10, false));
    }

    private static List<TrainingJobSpec> jobs() {
        return List.of(
                Scenarios.dataParallelJob("a", GPT, 4, 16, 4_000, 0, "red"),
                Scenarios.dataParallelJob("b", GPT, 4, 16, 40, 0, "blue"),
                Scenarios.dataParallelJob("c", GPT, 8, 32, 40, 1_000_000 * S, "blue"),
                Scenarios.dataParallelJob("d", GPT, 8, 32, 40, 3_000_000 * S, "blue"));
    }

    @Test
    void recordsComeInSubmitOrderWhicheverJobEndedFirst() {
        RunResult r = FLEETSIM.run(scenario(OptionalLong.empty(), jobs()), SimulationObserver.NONE);
        assertEquals(List.of("a", "b", "c", "d"), r.jobs().stream().map(JobRecord::id).toList());
        JobRecord a = r.jobs().get(0);
        JobRecord b = r.jobs().get(1);
        assertTrue(b.endNs().getAsLong() < a.endNs().getAsLong(), "b ends first, its record is made first");
        for (JobRecord j : r.jobs()) {
            assertEquals("FINISHED", j.state());
            assertEquals(j.iterations(), j.iterationsDone(), 1e-9);
        }
        // Every job's tokens, in submit order: what the summary adds up.
        double tokens = 0;
        for (TrainingJobSpec j : jobs()) {
            tokens += j.tokensPerIteration() * j.iterations();
        }
        assertEquals(tokens, r.summary().training().tokens(), 1e-6 * tokens);
        // Each job's record carries its own tokens (jobs.csv's tokens column): global batch × sequence × iterations.
        List<TrainingJobSpec> specs = jobs();
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(specs.get(i).tokensPerIteration() * specs.get(i).iterations(), r.jobs().get(i).tokens(), 1e-9);
        }
    }

    @Test
    void atAHorizonLiveAndUnarrivedJobsAreRecordedAsTheyStand() {
        RunResult r = FLEETSIM.run(scenario(OptionalLong.of(2_000_000 * S), jobs()), SimulationObserver.NONE);
        assertEquals(List.of("a", "b", "c", "d"), r.jobs().stream().map(JobRecord::id).toList());
        assertEquals(List.of("FINISHED", "FINISHED", "FINISHED", "PENDING"), r.jobs().stream().map(JobRecord::state).toList());
        assertTrue(r.jobs().get(3).startNs().isEmpty() && r.jobs().get(3).queueingNs().isEmpty());
        assertEquals(1, r.summary().counts().notSubmitted());
        // A job cut by the horizon is credited the tokens of the iterations it did; one that never arrived none.
        JobRecord cut = r.jobs().get(3);
        assertEquals(0.0, cut.tokens(), 0.0);
    }
}
