package dev.fleetsim.engine;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.compare.RunOutcome;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.metrics.Distribution;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.run.WorkloadExpansion;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.testing.RepositoryFiles;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.TraceGeneratorSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One fact, one number: a job's ideal iteration time (its speed on its ideal placement under the
 * run's own model) is the same in the run's records, in {@code compare}'s slowdowns and in
 * {@code estimate}, bit for bit, for listed, generated and trace jobs.
 */
class IdealTimesAgreeTest {
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();
    private static ScenarioSpec quickstart;
    private static RunResult run;

    @BeforeAll
    static void runQuickstart() throws Exception {
        // the file's own policy (fifo) lives downstream; the ideal times do not depend on the policy
        ScenarioSpec file = new ScenarioLoader().load(RepositoryFiles.file("scenarios/quickstart.yaml"),
                PerformanceModels.feasibilityCheck());
        quickstart = withPolicy(file, "in-order");
        run = FLEETSIM.run(quickstart, SimulationObserver.NONE);
    }

    private static ScenarioSpec withPolicy(ScenarioSpec s, String policy) {
        return new ScenarioSpec(s.name(), s.description(), s.simulation(), s.hardware(), s.cluster(), s.workload(),
                new PolicySpec(policy, Map.of(), s.policy().preemption()), s.cost());
    }

    private static JobRecord record(RunResult r, String id) {
        return r.jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void runAndEstimateAgreeForListedAndGeneratedJobs() {
        List<JobSpec> jobs = WorkloadExpansion.of(quickstart, PerformanceModels.of(quickstart)).stream()
                .map(WorkloadExpansion.ExpandedJob::spec).toList();
        int checked = 0;
        for (JobSpec spec : jobs) {
            TrainingJobSpec job = (TrainingJobSpec) spec;
            double estimated = FLEETSIM.estimate(quickstart, job).estimate().iterationTimeS();
            JobRecord r = record(run, job.id());
            assertEquals(estimated, r.idealIterationTimeS(), 0.0, job.id());
            assertEquals(job.iterations() * estimated, r.idealRunS(), 0.0, job.id());
            checked++;
        }
        assertEquals(301, checked);
    }

    /** The example: compare used the analytic model's 4,844 s where the flow-model run's ideal is 4,500 s. */
    @Test
    void theRunsIdealIsTheRunsModelNotAnother() {
        JobRecord r = record(run, "mixed-0009");
        TrainingJobSpec job = (TrainingJobSpec) WorkloadExpansion.of(quickstart, PerformanceModels.of(quickstart)).stream()
                .map(WorkloadExpansion.ExpandedJob::spec).filter(s -> s.id().equals("mixed-0009")).findFirst().orElseThrow();
        Fleetsim analytic = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of())
                .models(s -> PerformanceModels.analytic()).build();
        double analyticS = job.iterations() * analytic.estimate(quickstart, job).estimate().iterationTimeS();
        System.out.printf(Locale.ROOT, "mixed-0009: ideal run %.0f s under the run's flow model, %.0f s analytic%n",
                r.idealRunS(), analyticS);
        assertNotEquals(analyticS, r.idealRunS());
        assertTrue(r.slowdown().orElseThrow() >= 1 - 1e-9, "a job never beats its ideal run time");
    }

    @Test
    void compareReadsTheRunsOwnNumbers() {
        long seed = quickstart.simulation().seed();
        ComparisonResult c = FLEETSIM.compare(quickstart, List.of("in-order"), List.of(seed), 1, SweepObserver.NONE);
        RunOutcome o = c.runsOf("in-order").get(0);
        double[] fromRun = run.jobs().stream().filter(j -> j.slowdown().isPresent())
                .mapToDouble(j -> j.slowdown().getAsDouble()).toArray();
        assertEquals(Distribution.of(fromRun), o.summary().times().slowdown());
        assertEquals(run.jobs().size(), fromRun.length, "every job finished and could run");
    }

    /** A trace workload's iteration counts come from the run's ideal speeds; compare no longer re-draws them. */
    @Test
    void traceJobsKeepTheRunsLengths() {
        TraceGeneratorSpec philly = new TraceGeneratorSpec("philly", "philly", 200, 0, 1.0, 0.0, List.of("a", "b"), 1.0, 0.0,
                16, Optional.empty());
        ScenarioSpec base = Scenarios.of("trace", 3, Scenarios.homogeneous("A100-80GB", 4, 8, Scenarios.DEFAULT_FABRIC),
                List.of(), List.of(), new PolicySpec("in-order", Map.of()));
        ScenarioSpec trace = new ScenarioSpec(base.name(), "", base.simulation(), base.hardware(), base.cluster(),
                new WorkloadSpec(List.of(), List.of(), List.of(philly)), base.policy(), base.cost());
        RunResult r = FLEETSIM.run(trace, SimulationObserver.NONE);
        RunOutcome o = FLEETSIM.compare(trace, List.of("in-order"), List.of(3L), 1, SweepObserver.NONE)
                .runsOf("in-order").get(0);
        double[] fromRun = r.jobs().stream().filter(j -> j.slowdown().isPresent())
                .mapToDouble(j -> j.slowdown().getAsDouble()).toArray();
        assertEquals(Distribution.of(fromRun), o.summary().times().slowdown());
        for (WorkloadExpansion.ExpandedJob j : WorkloadExpansion.of(trace, PerformanceModels.of(trace))) {
            JobRecord rec = record(r, j.spec().id());
            assertEquals(((TrainingJobSpec) j.spec()).iterations(), rec.iterations(), j.spec().id());
            assertEquals(j.idealRunTimeS(), rec.idealRunS(), 0.0, j.spec().id());
        }
    }
}
