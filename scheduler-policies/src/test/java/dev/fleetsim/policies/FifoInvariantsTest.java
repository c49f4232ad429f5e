package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.policies.placement.FirstFitPlacement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of any run, checked on random workloads; the seed is in the test name. */
class FifoInvariantsTest {
    private static final double ITERATION_S = 2.0;
    private static final ModelSpec MODEL = ModelCatalog.find("gpt-1.3b").orElseThrow();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void invariantsHold(long seed) {
        RunResult r = run(seed);
        List<JobRecord> jobs = r.jobs();
        int totalGpus = r.summary().gpus();
        assertEquals(400, jobs.size());

        double gpuSeconds = 0;
        double longest = 0;
        List<long[]> changes = new ArrayList<>();
        for (JobRecord j : jobs) {
            assertEquals("FINISHED", j.state(), j.id());
            long start = j.startNs().getAsLong();
            long end = j.endNs().getAsLong();
            assertTrue(start >= j.submitNs(), j.id() + " ran before it arrived");
            // fluid progress: run time is exactly iterations x iteration time (rounded up to a ns)
            assertEquals(j.iterations() * ITERATION_S * 1e9, end - start, 1.0, j.id());
            gpuSeconds += j.gpus() * (end - start) / 1e9;
            longest = Math.max(longest, (end - start) / 1e9);
            changes.add(new long[] {start, j.gpus()});
            changes.add(new long[] {end, -j.gpus()});
        }
        // conservation: never more GPUs in use than exist (ends before starts at one instant)
        changes.sort(Comparator.<long[]>comparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
        long inUse = 0;
        for (long[] c : changes) {
            inUse += c[1];
            assertTrue(inUse <= totalGpus, "over-allocated: " + inUse);
            assertTrue(inUse >= 0);
        }
        assertEquals(gpuSeconds / 3600, r.summary().utilisation().allocatedGpuHours(), 1e-6);
        double makespan = r.summary().times().makespanS();
        assertTrue(makespan + 1e-9 >= Math.max(gpuSeconds / totalGpus, longest));
        // strict FIFO: start times never decrease in submit order
        List<JobRecord> bySubmit = new ArrayList<>(jobs);
        bySubmit.sort(Comparator.comparingLong(JobRecord::submitNs).thenComparing(JobRecord::id));
        for (int i = 1; i < bySubmit.size(); i++) {
            assertTrue(bySubmit.get(i).startNs().getAsLong() >= bySubmit.get(i - 1).startNs().getAsLong(),
                    bySubmit.get(i).id() + " overtook " + bySubmit.get(i - 1).id());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void sameSeedGivesIdenticalResults(long seed) throws Exception {
        RunResult a = run(seed);
        RunResult b = run(seed);
        assertEquals(ResultWriter.jobsCsv(a.jobs()), ResultWriter.jobsCsv(b.jobs()));
        assertEquals(ResultWriter.timeseriesCsv(a.timeseries()), ResultWriter.timeseriesCsv(b.timeseries()));
        assertEquals(ResultWriter.summaryJson(a.summary()), ResultWriter.summaryJson(b.summary()));
    }

    private static RunResult run(long seed) {
        List<JobTemplateSpec> mix = List.of(
                template("one", 0.5, 1), template("node", 0.3, 8), template("two-nodes", 0.15, 16),
                template("half", 0.05, 32));
        GeneratorSpec gen = new GeneratorSpec("g", 400, 0, 60_000_000_000L, mix, List.of("a", "b", "c"));
        ScenarioSpec s = Scenarios.of("prop", seed, Scenarios.homogeneous("A100-80GB", 8, 8, Scenarios.DEFAULT_FABRIC),
                List.of(), List.of(gen), Scenarios.policy("fifo", Map.of()));
        return new ClusterRun(s, "fifo", new FifoPolicy(new FirstFitPlacement()),
                new PerformanceModels(t -> new FixedStepModel(ITERATION_S, 0.7))).run(SimulationObserver.NONE);
    }

    private static JobTemplateSpec template(String name, double weight, int gpus) {
        return new JobTemplateSpec(name, weight, Scenarios.dataParallelJob(name, MODEL, gpus, gpus, 1, 0, "x"), 10, 500);
    }
}
