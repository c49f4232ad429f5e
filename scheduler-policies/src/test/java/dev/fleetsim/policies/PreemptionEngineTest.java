package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.PolicyViolationException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The engine's side of preemption and explanations, driven by a tiny scripted policy. */
class PreemptionEngineTest {
    private static final long S = 1_000_000_000L;
    private static final ModelSpec MODEL = ModelCatalog.find("gpt-1.3b").orElseThrow();

    /** Preempts whatever runs when a job with higher priority is queued; places on GPUs 0..n-1. */
    private static final SchedulingPolicy PRIORITY = ctx -> {
        JobView head = ctx.queue().stream().max((a, b) -> Integer.compare(a.priority(), b.priority())).orElseThrow();
        List<String> victims = ctx.running().stream().filter(r -> r.priority() < head.priority())
                .map(RunningJobView::id).toList();
        if (!victims.isEmpty() || ctx.running().isEmpty()) {
            int[] gpus = new int[head.gpus()];
            for (int i = 0; i < gpus.length; i++) {
                gpus[i] = i;
            }
            return new SchedulingDecision(List.of(new Placement(head.id(), gpus)), victims,
                    List.of(new Explanation(head.id(), "placed", "highest priority", Map.of("priority", head.priority()))));
        }
        return SchedulingDecision.NONE;
    };

    private static RunResult run(SchedulingPolicy policy) {
        var low = Scenarios.dataParallelJob("low", MODEL, 8, 8, 100, 0, "t");
        var high = Scenarios.dataParallelJob("high", MODEL, 8, 8, 20, 30 * S, "t");
        high = new dev.fleetsim.engine.workload.TrainingJobSpec(high.id(), high.model(), high.precision(), high.globalBatchSeqs(),
                high.microBatchSeqs(), high.parallelism(), high.recompute(), high.zeroStage(), high.dpOverlap(),
                high.flashAttention(), high.iterations(), high.submitTimeNs(), high.tenant(), 5, high.gpuType());
        ScenarioSpec s = Scenarios.of("preempt", 1, Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC),
                List.of(low, high), List.of(), Scenarios.policy("scripted", Map.of()));
        return new ClusterRun(s, "scripted", policy,
                new PerformanceModels(t -> new FixedStepModel(1.0, 1.0))).run(SimulationObserver.NONE);
    }

    @Test
    void preemptedJobKeepsItsProgressAndResumesLater() {
        RunResult r = run(PRIORITY);
        JobRecord low = r.jobs().stream().filter(j -> j.id().equals("low")).findFirst().orElseThrow();
        JobRecord high = r.jobs().stream().filter(j -> j.id().equals("high")).findFirst().orElseThrow();
        // low runs [0, 30) = 30 iterations, is preempted; high runs [30, 50); low resumes [50, 120)
        assertEquals(30 * S, high.startNs().getAsLong());
        assertEquals(50 * S, high.endNs().getAsLong());
        assertEquals(0, low.startNs().getAsLong(), "wait is measured to the first start");
        assertEquals(120 * S, low.endNs().getAsLong());
        assertEquals(1, low.preemptions());
        assertEquals(1, r.summary().counts().preemptions());
        // GPU-time: 8 x 100 + 8 x 20; preemption is free by default (PreemptionCostTest prices it)
        assertEquals(8 * 120 / 3600.0, r.summary().utilisation().allocatedGpuHours(), 1e-9);
        // its cost: 8 GPUs x 100 s at the on-demand 2.99 USD/GPU-hour, whose price includes power (docs/PRICING.md)
        assertEquals(8 * 100 / 3600.0 * 2.99, low.costUsd(), 1e-6);
        assertEquals(List.of("low", "high", "low"), r.decisions().stream().map(d -> d.jobId()).toList());
        assertEquals(30 * S, r.decisions().get(1).timeNs());
    }

    @Test
    void preemptingAJobThatIsNotRunningIsAPolicyBug() {
        SchedulingPolicy bad = ctx -> new SchedulingDecision(List.of(), List.of("ghost"), List.of());
        assertThrows(PolicyViolationException.class, () -> run(bad));
    }
}
