package dev.fleetsim.policies;

import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fleetsim.policies.TestRuns.S;
import static dev.fleetsim.policies.TestRuns.endS;
import static dev.fleetsim.policies.TestRuns.job;
import static dev.fleetsim.policies.TestRuns.run;
import static dev.fleetsim.policies.TestRuns.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SJF against FIFO, on the true length and on users' estimates, and SRTF's preemption, on one
 * 8-GPU node at one second per iteration; the expected times are the arithmetic in the comments.
 */
class OrderingGoldenTest {
    private static final ClusterSpec ONE_NODE = Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC);

    // a: [0, 100). b (50 it) arrives at 10, c (10 it) at 20; both wait for a.
    private static final List<dev.fleetsim.engine.workload.TrainingJobSpec> JOBS = List.of(
            job("a", 8, 100, 0, "t"),
            job("b", 8, 50, 10, "t").withEstimateNs(20 * S),     // a wrong guess: says 20 s, runs 50 s
            job("c", 8, 10, 20, "t").withEstimateNs(3600 * S));  // says an hour, runs 10 s

    private static RunResult run(String policy, Map<String, Object> params) {
        return TestRuns.run(scenario(ONE_NODE, JOBS, List.of(), policy, params, PreemptionSpec.FREE, 1), 1.0);
    }

    @Test
    void fifoRunsInSubmitOrder() {
        RunResult r = run("fifo", Map.of());
        // b [100, 150), c [150, 160): JCTs 100, 140, 140
        assertEquals(150, endS(r, "b"));
        assertEquals(160, endS(r, "c"));
        assertEquals((100 + 140 + 140) / 3.0, r.summary().times().jctS().mean(), 1e-9);
    }

    @Test
    void sjfOnTheTrueLengthRunsTheShortJobFirst() {
        RunResult r = run("sjf", Map.of());
        // c [100, 110), b [110, 160): JCTs 100, 150, 90 -> mean 113.3, below FIFO's 126.7
        assertEquals(110, endS(r, "c"));
        assertEquals(160, endS(r, "b"));
        assertEquals((100 + 150 + 90) / 3.0, r.summary().times().jctS().mean(), 1e-9);
    }

    @Test
    void sjfOnEstimatesFollowsTheUsersGuesses() {
        RunResult r = run("sjf", Map.of("length", "estimate"));
        // b claims 20 s, c an hour: b [100, 150), c [150, 160), as FIFO here
        assertEquals(150, endS(r, "b"));
        assertEquals(160, endS(r, "c"));
    }

    @Test
    void srtfPreemptsALongerRunningJob() {
        RunResult r = run("srtf", Map.of());
        // At 10 a has 90 s left, b 50: b preempts a: b [10, 60). At 20 c (10 s) preempts b (40 s left): c [20, 30).
        // b resumes [30, 70) with 40 left; a resumes [70, 160) with 90 left.
        assertEquals(30, endS(r, "c"));
        assertEquals(70, endS(r, "b"));
        assertEquals(160, endS(r, "a"));
        assertEquals(1, TestRuns.record(r, "a").preemptions());
        assertEquals(1, TestRuns.record(r, "b").preemptions());
        assertEquals(0, TestRuns.record(r, "c").preemptions());
    }
}
