package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fleetsim.policies.TestRuns.S;
import static dev.fleetsim.policies.TestRuns.endS;
import static dev.fleetsim.policies.TestRuns.job;
import static dev.fleetsim.policies.TestRuns.record;
import static dev.fleetsim.policies.TestRuns.scenario;
import static dev.fleetsim.policies.TestRuns.startS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tiresias-style LAS at one second per iteration: demotion at a threshold, preemption, starvation guard. */
class LasGoldenTest {

    @Test
    void jobIsDemotedAndPreemptedWhenItsServiceCrossesAThreshold() {
        ClusterSpec node = Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC);
        List<TrainingJobSpec> jobs = List.of(job("a", 8, 300, 0, "t"), job("b", 8, 50, 20, "t"));
        // Threshold 800 GPU-s: a (8 GPUs) crosses it after 100 s. At 20, b arrives in queue 0 with a, so it waits
        // (FIFO inside a queue); at 100 a drops to queue 1 and b preempts it: b [100, 150), a resumes [150, 350).
        RunResult r = TestRuns.run(scenario(node, jobs, List.of(), "las", Map.of("thresholds", "800 s"),
                PreemptionSpec.FREE, 1), 1.0);
        assertEquals(100, startS(r, "b"));
        assertEquals(150, endS(r, "b"));
        assertEquals(350, endS(r, "a"));
        assertEquals(1, record(r, "a").preemptions());
        DecisionRecord d = r.decisions().get(0);
        assertEquals(100 * S, d.timeNs());
        assertEquals("a", d.jobId());
        assertEquals("preempted for b (queue 0, ahead of queue 1)", d.reason());
    }

    /**
     * One GPU; a (1000 s) crosses the 80 GPU-s threshold at 80 and is preempted by a stream of
     * 50 s jobs arriving every 50 s from 10. Without the guard a waits for all six: [380, 1300).
     * With starvation 1, a is promoted once it has waited as long as it ran (80 s, at 160) and goes
     * first when c ends at 180; it is demoted again after another 80 GPU-s, at 260.
     */
    @Test
    void starvationGuardPromotesAWaitingJob() {
        ClusterSpec gpu = Scenarios.homogeneous("H100-SXM", 1, 1, Scenarios.DEFAULT_FABRIC);
        List<TrainingJobSpec> jobs = new ArrayList<>(List.of(job("a", 1, 1000, 0, "t")));
        String[] small = {"b", "c", "d", "e", "f", "g"};
        for (int i = 0; i < small.length; i++) {
            jobs.add(job(small[i], 1, 50, 10 + 50L * i, "t"));
        }
        RunResult unguarded = TestRuns.run(scenario(gpu, jobs, List.of(), "las",
                Map.of("thresholds", "80 s", "starvation", 0L), PreemptionSpec.FREE, 1), 1.0);
        assertEquals(80, startS(unguarded, "b"));
        assertEquals(380, endS(unguarded, "g"));
        assertEquals(1300, endS(unguarded, "a"));
        assertEquals(1, record(unguarded, "a").preemptions());

        RunResult guarded = TestRuns.run(scenario(gpu, jobs, List.of(), "las",
                Map.of("thresholds", "80 s", "starvation", 1L), PreemptionSpec.FREE, 1), 1.0);
        // b [80, 130), c [130, 180), a [180, 260), d [260, 310), e, f, g to 460, a [460, 1300)
        assertEquals(260, startS(guarded, "d"));
        assertEquals(460, endS(guarded, "g"));
        assertEquals(1300, endS(guarded, "a"));
        assertEquals(2, record(guarded, "a").preemptions());
        List<Long> preemptedAtS = guarded.decisions().stream().filter(x -> x.jobId().equals("a"))
                .map(x -> x.timeNs() / S).toList();
        assertEquals(List.of(80L, 260L), preemptedAtS);
    }
}
