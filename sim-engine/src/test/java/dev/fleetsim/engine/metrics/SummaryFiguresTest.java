package dev.fleetsim.engine.metrics;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.testing.InOrderPolicy;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures that once misled: queueing time beside the first-start wait, slowdown, what a
 * horizon censors, per-tenant figures, and a summary that reads back equal to the one written.
 */
class SummaryFiguresTest {
    private static final ModelSpec GPT = ModelCatalog.find("gpt-1.3b").orElseThrow();
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(InOrderPolicy.REGISTRY).artifacts(List.of()).build();
    private static final long S = 1_000_000_000L;

    /** One 8-GPU node: a and b need all of it, submitted together; c comes at 10^6 s. */
    private static ScenarioSpec scenario(OptionalLong horizonNs) {
        List<TrainingJobSpec> jobs = List.of(
                Scenarios.dataParallelJob("a", GPT, 8, 32, 400, 0, "red"),
                Scenarios.dataParallelJob("b", GPT, 8, 32, 400, 0, "blue"),
                Scenarios.dataParallelJob("c", GPT, 8, 32, 400, 1_000_000 * S, "blue"));
        ScenarioSpec s = Scenarios.of("three", 1, Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC), jobs,
                List.of(), new PolicySpec("in-order", Map.of()));
        return s.withSimulation(new dev.fleetsim.engine.scenario.SimulationSpec(horizonNs, 1, 10, false));
    }

    @Test
    void queueingSlowdownAndPerTenantFiguresByHand() {
        RunResult r = FLEETSIM.run(scenario(OptionalLong.empty()), SimulationObserver.NONE);
        JobRecord a = r.jobs().stream().filter(j -> j.id().equals("a")).findFirst().orElseThrow();
        double t = a.jctNs().getAsLong() / 1e9;
        RunSummary.Times times = r.summary().times();
        // a runs [0, T), b [T, 2T), c at 10^6 s alone: waits 0, T, 0; queueing the same (no preemptions)
        assertEquals(t / 3, times.waitS().mean(), 1e-6);
        assertEquals(t / 3, times.queueingS().mean(), 1e-6);
        // slowdowns 1, 2, 1 (each job's ideal run is T)
        assertEquals(4.0 / 3, times.slowdown().mean(), 1e-6);
        assertNull(times.censoring().horizonS());
        RunSummary.Tenant blue = r.summary().tenants().byTenant().get("blue");
        assertEquals(2, blue.jobs());
        assertEquals(1.5, blue.slowdown().mean(), 1e-6);
        assertEquals(2 * 8 * t / 3600, blue.gpuHours(), 1e-6);
        // Jain over the tenants' mean slowdowns 1 (red) and 1.5 (blue): 2.5² / (2 × 3.25)
        assertEquals(2.5 * 2.5 / (2 * 3.25), r.summary().tenants().fairness(), 1e-9);
    }

    @Test
    void aHorizonCountsWhatItCensorsAndSaysSo(@TempDir Path tmp) throws Exception {
        RunResult full = FLEETSIM.run(scenario(OptionalLong.empty()), SimulationObserver.NONE);
        long t = full.jobs().get(0).jctNs().getAsLong();
        RunResult r = FLEETSIM.run(scenario(OptionalLong.of(t / 2)), SimulationObserver.NONE);
        RunSummary s = r.summary();
        assertEquals(1, s.counts().running());
        assertEquals(1, s.counts().queued());
        assertEquals(1, s.counts().notSubmitted(), "c comes after the horizon: not counted as queued");
        RunSummary.Censoring c = s.times().censoring();
        assertEquals(t / 2 / 1e9, c.horizonS(), 1e-9);
        assertEquals(1, c.neverStarted());
        assertEquals(1, c.unfinished());
        assertTrue(c.note().contains("1 jobs never started"), c.note());
        assertEquals(1, s.times().waitS().count(), "the wait covers only the job that started");
        // queueing counts b up to the horizon (censored): a 0, b T/2
        assertEquals(2, s.times().queueingS().count());
        assertEquals(t / 2 / 1e9, s.times().queueingS().max(), 1e-6);
        assertEquals(0, s.times().jctS().count());
        // the summary reads back equal: a resumed sweep gets the same numbers
        Path file = tmp.resolve("summary.json");
        Files.writeString(file, ResultWriter.summaryJson(s));
        assertEquals(s, ResultWriter.readSummary(file));
        Path fullFile = tmp.resolve("full.json");
        Files.writeString(fullFile, ResultWriter.summaryJson(full.summary()));
        assertEquals(full.summary(), ResultWriter.readSummary(fullFile));
    }
}
