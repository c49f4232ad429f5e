package dev.fleetsim.engine.compare;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.workload.GeneratorSpec;
import dev.fleetsim.engine.workload.JobTemplateSpec;
import dev.fleetsim.engine.workload.ModelCatalog;
import dev.fleetsim.engine.workload.ModelSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A comparison of two tiny test policies whose outcomes are arithmetic. */
class PolicyComparisonTest {
    private static final ModelSpec GPT = ModelCatalog.find("gpt-1.3b").orElseThrow();

    /** Starts queued jobs in order on the lowest free GPUs; {@code oneAtATime} = only while nothing runs. */
    private record InOrder(String name, boolean oneAtATime) implements PolicyProvider {
        @Override
        public String description() {
            return "test policy";
        }

        @Override
        public SchedulingPolicy create(Map<String, Object> params) {
            return context -> {
                List<Placement> out = new ArrayList<>();
                if (oneAtATime && !context.running().isEmpty()) {
                    return SchedulingDecision.NONE;
                }
                int next = 0;
                for (JobView job : context.queue()) {
                    int[] gpus = new int[job.gpus()];
                    int found = 0;
                    for (int g = next; g < context.cluster().topology().gpuCount() && found < gpus.length; g++) {
                        if (context.cluster().isFree(g)) {
                            gpus[found++] = g;
                        }
                        next = g + 1;
                    }
                    if (found < gpus.length) {
                        break;
                    }
                    out.add(new Placement(job.id(), gpus));
                    if (oneAtATime) {
                        break;
                    }
                }
                return SchedulingDecision.start(out);
            };
        }
    }

    private static final PolicyRegistry REGISTRY = PolicyRegistry.of(List.of(new InOrder("greedy", false),
            new InOrder("serial", true)));
    private static final Fleetsim FLEETSIM = Fleetsim.builder().policies(REGISTRY).artifacts(List.of()).build();

    /** One 8-GPU node; two 4-GPU jobs of tenants a and b submitted together. */
    private static ScenarioSpec twoJobs() {
        List<TrainingJobSpec> jobs = List.of(
                Scenarios.dataParallelJob("j1", GPT, 4, 16, 50, 0, "a"),
                Scenarios.dataParallelJob("j2", GPT, 4, 16, 50, 0, "b"));
        return Scenarios.of("two", 1, Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC), jobs, List.of(),
                new PolicySpec("greedy", Map.of()));
    }

    @Test
    void twoJobsInParallelOrOneAfterTheOther() {
        ComparisonResult r = FLEETSIM.compare(twoJobs(), List.of("greedy", "serial"), List.of(1L, 2L), 2,
                SweepObserver.NONE);

        assertEquals(4, r.runs().size());
        RunOutcome greedy = r.runsOf("greedy").get(0);
        RunOutcome serial = r.runsOf("serial").get(0);
        double t = greedy.meanJctS();
        // greedy: both run at once for T; serial: T and 2T, waits 0 and T
        assertEquals(t, greedy.jctS()[0], 1e-6);
        assertEquals(t, greedy.jctS()[1], 1e-6);
        assertEquals(1.5 * t, serial.meanJctS(), 1e-6);
        assertEquals(0.5 * t, serial.meanWaitS(), 1e-6);
        assertEquals(2 * t, serial.makespanS(), 1e-6);
        // slowdowns greedy 1 and 1 (Jain 1), serial 1 and 2: (1 + 2)² / (2 × 5) = 0.9
        assertEquals(1.0, greedy.fairness(), 1e-9);
        assertEquals(0.9, serial.fairness(), 1e-6);
        // all 8 GPUs for T in greedy; 4 of 8 for 2T in serial
        assertEquals(1.0, greedy.utilisation(), 1e-6);
        assertEquals(0.5, serial.utilisation(), 1e-6);
        // serial: the second job queues for T, its slowdown 2; the queueing time equals the wait (no preemptions)
        assertEquals(0.5 * t, serial.summary().times().queueingS().mean(), 1e-6);
        assertEquals(1.5, serial.summary().times().slowdown().mean(), 1e-6);
        // per tenant: a's job ran first, b's waited T
        assertEquals(0.0, serial.summary().tenants().byTenant().get("a").queueingS().mean(), 1e-6);
        assertEquals(t, serial.summary().tenants().byTenant().get("b").queueingS().mean(), 1e-6);
        // listed jobs do not depend on the seed: zero-width intervals
        Estimate e = r.estimate("serial", SummaryMetric.ALL.get(0));
        assertEquals(2, e.n());
        assertEquals(e.mean(), e.low(), 0);
        assertEquals(e.mean(), e.high(), 0);
        assertEquals("serial", serial.policy());
        assertEquals(2L, r.runsOf("serial").get(1).seed());
    }

    /** 60 generated jobs on 16 GPUs: seeds differ, so the intervals are real. */
    private static ScenarioSpec generated() {
        TrainingJobSpec proto = Scenarios.dataParallelJob("p", GPT, 4, 16, 1, 0, "x");
        TrainingJobSpec proto8 = Scenarios.dataParallelJob("p8", GPT, 8, 32, 1, 0, "x");
        GeneratorSpec g = new GeneratorSpec("g", 60, 0, 60_000_000_000L, List.of(new JobTemplateSpec("four", 2, proto, 20, 400),
                new JobTemplateSpec("eight", 1, proto8, 20, 400)), List.of("a", "b", "c"));
        return Scenarios.of("gen", 1, Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC), List.of(), List.of(g),
                new PolicySpec("greedy", Map.of()));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        List<Long> seeds = List.of(1L, 2L, 3L);
        ComparisonResult one = FLEETSIM.compare(generated(), List.of("serial", "greedy"), seeds, 1,
                SweepObserver.NONE);
        ComparisonResult four = FLEETSIM.compare(generated(), List.of("serial", "greedy"), seeds, 4,
                SweepObserver.NONE);

        assertEquals(ComparisonCsv.runs(one), ComparisonCsv.runs(four));
        assertEquals(ComparisonCsv.summary(one), ComparisonCsv.summary(four));
        Estimate spread = one.estimate("serial", SummaryMetric.ALL.get(0));
        assertTrue(spread.high() > spread.low() && spread.low() > 0, spread.toString());
        assertEquals(ComparisonCsv.tenants(one), ComparisonCsv.tenants(four));
        // serial never beats greedy on mean JCT for the same workload
        for (int s = 0; s < seeds.size(); s++) {
            assertTrue(one.runsOf("serial").get(s).meanJctS() >= one.runsOf("greedy").get(s).meanJctS());
        }
        String summary = ComparisonCsv.summary(one);
        assertTrue(summary.startsWith("policy,metric,runs,mean,ci95_low,ci95_high,ci_method\nserial,mean_jct_s,3,"),
                summary);
        assertEquals(1 + 2 * SummaryMetric.ALL.size(), summary.split("\n").length);
        assertEquals(1 + 6, ComparisonCsv.runs(one).split("\n").length);
    }

    @Test
    void cancelStopsTheComparisonAndUnknownPoliciesAreRefused() {
        SweepObserver cancelled = () -> true;
        assertThrows(RunCancelledException.class, () -> FLEETSIM.compare(generated(), List.of("greedy"), List.of(1L), 1, cancelled));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FLEETSIM.compare(generated(),
                List.of("greedy", "lottery"), List.of(1L), 1, SweepObserver.NONE));
        assertEquals("unknown policy 'lottery'; known policies: greedy, serial", e.getMessage());
    }

    @Test
    void variantsKeepThePreemptionCostAndTakeAPlacementFromTheLabel() {
        ScenarioSpec base = twoJobs();
        PreemptionSpec cost = new PreemptionSpec(1_800_000_000_000L, 180_000_000_000L);
        ScenarioSpec spec = new ScenarioSpec(base.name(), base.description(), base.simulation(), base.hardware(),
                base.cluster(), base.workload(), new PolicySpec("greedy", Map.of("placement", "best-fit", "k", 3), cost),
                base.cost());

        PolicySpec own = PolicyComparison.variant(spec, "greedy", 7).policy();
        PolicySpec ownElsewhere = PolicyComparison.variant(spec, "greedy:topology-aware", 7).policy();
        PolicySpec other = PolicyComparison.variant(spec, "serial", 7).policy();
        PolicySpec otherPlaced = PolicyComparison.variant(spec, "serial:spread", 7).policy();

        Map<String, Map<String, Object>> greedyKept = Map.of("greedy", Map.of("placement", "best-fit", "k", 3));
        assertEquals(new PolicySpec("greedy", Map.of("placement", "best-fit", "k", 3), cost), own);
        assertEquals(new PolicySpec("greedy", Map.of("placement", "topology-aware", "k", 3), cost), ownElsewhere);
        assertEquals(new PolicySpec("serial", Map.of(), cost, greedyKept), other);
        assertEquals(new PolicySpec("serial", Map.of("placement", "spread"), cost, greedyKept), otherPlaced);
        assertEquals(7L, PolicyComparison.variant(spec, "serial", 7).simulation().seed());
        assertEquals("serial", PolicyComparison.policyName("serial:spread"));
        ComparisonResult r = FLEETSIM.compare(spec, List.of("greedy", "greedy:spread"), List.of(1L), 1,
                SweepObserver.NONE);
        assertEquals("greedy:spread", r.runsOf("greedy:spread").get(0).policy());
        assertTrue(ComparisonCsv.runs(r).contains("\ngreedy:spread,1,"), ComparisonCsv.runs(r));
        assertTrue(ComparisonCsv.policies(r).contains("\ngreedy:spread,greedy,placement,spread\n"), ComparisonCsv.policies(r));
    }

    @Test
    void otherPoliciesRunWithTheParametersTheScenarioGivesThem() {
        ScenarioSpec base = twoJobs();
        ScenarioSpec spec = base.withPolicy(new PolicySpec("greedy", Map.of("k", 1), PreemptionSpec.FREE,
                Map.of("serial", Map.of("placement", "spread", "k", 2))));
        assertEquals(Map.of("placement", "spread", "k", 2), PolicyComparison.variant(spec, "serial", 1).policy().params());
        assertEquals(Map.of("placement", "best-fit", "k", 2),
                PolicyComparison.variant(spec, "serial:best-fit", 1).policy().params());
        assertEquals(Map.of("k", 1), PolicyComparison.variant(spec, "greedy", 1).policy().params());
        // the variant's own section still holds the other policy's parameters, so its resolved scenario is whole
        assertEquals(Map.of("greedy", Map.of("k", 1)), PolicyComparison.variant(spec, "serial", 1).policy().paramsByPolicy());
    }
}
