package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.FabricSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import dev.fleetsim.policies.solver.OptaPlannerPolicyProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code optaplanner} policy through the whole engine: four 8-GPU nodes, two per leaf, and
 * thirty jobs of 1 to 16 GPUs from three tenants arriving in bursts. The engine checks every
 * placement (an invalid one throws), so a finished run means none was invalid.
 */
class OptaPlannerRunTest {
    private static final long S = 1_000_000_000L;
    private static final ModelSpec MODEL = ModelCatalog.find("gpt-1.3b").orElseThrow();

    static List<TrainingJobSpec> jobs() {
        int[] sizes = {1, 2, 4, 8, 16, 1, 4, 2, 8, 1};
        List<TrainingJobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int gpus = sizes[i % sizes.length];
            jobs.add(Scenarios.dataParallelJob(String.format("j%02d", i), MODEL, gpus, gpus, 20 + 7L * (i % 5),
                    (i / 6) * 15 * S, "t" + (i % 3)));
        }
        return jobs;
    }

    static RunResult run(Map<String, Object> params) {
        ScenarioSpec scenario = Scenarios.of("opta-run", 3,
                Scenarios.homogeneous("H100-SXM", 4, 8, new FabricSpec(2, 1.0, 5_000, 1_000)), jobs(), List.of(),
                Scenarios.policy("optaplanner", params));
        return new ClusterRun(scenario, "optaplanner", new OptaPlannerPolicyProvider().create(params),
                new PerformanceModels(t -> new FixedStepModel(1.0, 0.5))).run(SimulationObserver.NONE);
    }

    @Test
    void everyJobFinishesWithValidPlacementsAndExplanations() {
        RunResult r = run(Map.of());
        for (JobRecord j : r.jobs()) {
            assertEquals("FINISHED", j.state(), j.id());
        }
        Set<String> placed = new TreeSet<>();
        for (DecisionRecord d : r.decisions()) {
            assertTrue(Set.of("placed", "waiting").contains(d.outcome()), d.outcome());
            assertFalse(d.reason().isBlank());
            if (d.outcome().equals("placed")) {
                assertTrue(placed.add(d.jobId()), "placed once: " + d.jobId());
                JobRecord job = r.jobs().stream().filter(x -> x.id().equals(d.jobId())).findFirst().orElseThrow();
                assertEquals(job.placement(), d.details().get("gpus"), d.jobId());
                assertEquals(job.startNs().getAsLong(), d.timeNs(), d.jobId());
            } else {
                assertTrue(d.details().containsKey("blockedBy"), d.toString());
            }
        }
        assertEquals(30, placed.size());
    }

    @Test
    void sameScenarioGivesIdenticalResults() throws Exception {
        RunResult a = run(Map.of("seed", 11));
        RunResult b = run(Map.of("seed", 11));
        assertEquals(ResultWriter.jobsCsv(a.jobs()), ResultWriter.jobsCsv(b.jobs()));
        assertEquals(ResultWriter.decisionsJsonl(a.decisions()), ResultWriter.decisionsJsonl(b.decisions()));
        assertEquals(ResultWriter.summaryJson(a.summary()), ResultWriter.summaryJson(b.summary()));
    }
}
