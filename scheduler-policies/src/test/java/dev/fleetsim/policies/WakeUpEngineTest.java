package dev.fleetsim.policies;

import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.PolicyViolationException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fleetsim.policies.TestRuns.S;
import static dev.fleetsim.policies.TestRuns.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The engine's side of wake-ups: a round at the asked time, one pending wake-up, none after the last job. */
class WakeUpEngineTest {

    private static RunResult run(SchedulingPolicy policy) {
        // a (8 GPUs, 100 s) at 0; b (8 GPUs, 10 s) at 5 waits: without wake-ups, nothing would call the policy before 100.
        ScenarioSpec s = TestRuns.scenario(Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC),
                List.of(job("a", 8, 100, 0, "t"), job("b", 8, 10, 5, "t")), List.of(), "scripted", Map.of(),
                PreemptionSpec.FREE, 1);
        return new ClusterRun(s, "scripted", policy,
                new PerformanceModels(t -> new FixedStepModel(1.0, 1.0))).run(SimulationObserver.NONE);
    }

    @Test
    void aPolicyIsWokenAtTheTimeItAskedForAndTheLatestRequestWins() {
        List<Long> roundsS = new ArrayList<>();
        SchedulingPolicy policy = ctx -> {
            roundsS.add(ctx.nowNs() / S);
            JobView head = ctx.queue().get(0);
            if (ctx.running().isEmpty()) {
                return SchedulingDecision.start(List.of(new Placement(head.id(), new int[] {0, 1, 2, 3, 4, 5, 6, 7})))
                        .withWakeAt(ctx.nowNs() + 50 * S);      // superseded by the round at 5
            }
            // at 5 ask for 30; at 30 ask for 40; at 40 preempt a for b
            if (ctx.nowNs() < 40 * S) {
                return new SchedulingDecision(List.of(), List.of(), List.of(new Explanation(head.id(), "waiting", "", Map.of())))
                        .withWakeAt(ctx.nowNs() < 30 * S ? 30 * S : 40 * S);
            }
            return new SchedulingDecision(List.of(new Placement(head.id(), new int[] {0, 1, 2, 3, 4, 5, 6, 7})), List.of("a"),
                    List.of()).withWakeAt(1000 * S);      // cancelled when the last job ends
        };
        RunResult r = run(policy);
        assertEquals(List.of(0L, 5L, 30L, 40L, 50L), roundsS, "no round at 50 from the first request, one at 50 when b ends");
        assertEquals(50 * S, TestRuns.record(r, "b").endNs().getAsLong());
        // a resumes at 50 with 60 left: ends at 110, and the makespan is not stretched to the wake-up at 1000
        assertEquals(110.0, r.summary().times().makespanS(), 1e-9);
        assertEquals(List.of(5L, 30L), r.decisions().stream().map(d -> d.timeNs() / S).toList());
    }

    @Test
    void aWakeUpThatIsNotInTheFutureIsAPolicyBug() {
        SchedulingPolicy bad = ctx -> SchedulingDecision.NONE.withWakeAt(ctx.nowNs());
        assertThrows(PolicyViolationException.class, () -> run(bad));
    }
}
