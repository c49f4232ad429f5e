package dev.fleetsim.policies;

import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fleetsim.policies.TestRuns.endS;
import static dev.fleetsim.policies.TestRuns.job;
import static dev.fleetsim.policies.TestRuns.scenario;
import static dev.fleetsim.policies.TestRuns.startS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EASY backfilling on two 8-GPU nodes (16 GPUs), one second per iteration.
 * a (12 GPUs) runs [0, 100). b (14 GPUs) heads the queue from t=1: its reservation is at 100,
 * when a's 12 GPUs join the 4 free ones, leaving 16 - 14 = 2 extra GPUs.
 */
class BackfillGoldenTest {
    private static final ClusterSpec TWO_NODES = Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC);
    private static final List<TrainingJobSpec> JOBS = List.of(
            job("a", 12, 100, 0, "t"),
            job("b", 14, 50, 1, "t"),
            // c: 4 GPUs, ends at 2 + 50 = 52 <= 100: backfills [2, 52)
            job("c", 4, 50, 2, "t"),
            // d: 4 GPUs for 200 s: would end after 100 and needs more than the 2 extra GPUs: must not backfill
            job("d", 4, 200, 3, "t"),
            // e: 2 GPUs for 500 s, at 60: ends after 100 but fits in the 2 extra GPUs: backfills beside b, [60, 560)
            job("e", 2, 500, 60, "t"));

    private static RunResult run(String policy) {
        return TestRuns.run(scenario(TWO_NODES, JOBS, List.of(), policy, Map.of(), PreemptionSpec.FREE, 1), 1.0);
    }

    @Test
    void shortAndNarrowJobsBackfillWithoutDelayingTheHead() {
        RunResult r = run("backfill");
        assertEquals(0, startS(r, "a"));
        assertEquals(2, startS(r, "c"));
        assertEquals(60, startS(r, "e"));
        // the head starts exactly at its reservation: a ends at 100, 14 GPUs free beside e
        assertEquals(100, startS(r, "b"));
        assertEquals(150, endS(r, "b"));
        // d waits for b: [150, 350)
        assertEquals(150, startS(r, "d"));
        assertEquals(560, endS(r, "e"));
        List<DecisionRecord> d = r.decisions();
        assertEquals(List.of("c", "e"), d.stream().map(DecisionRecord::jobId).toList());
        assertEquals("ends before the reservation of b", d.get(0).reason());
        assertEquals("fits beside the reservation of b", d.get(1).reason());
        assertEquals(100.0, d.get(1).details().get("shadowS"));
    }

    @Test
    void fifoLetsNothingPass() {
        RunResult r = run("fifo");
        // b [100, 150); then c, d, e together at 150 (4 + 4 + 2 GPUs)
        assertEquals(100, startS(r, "b"));
        assertEquals(150, startS(r, "c"));
        assertEquals(150, startS(r, "d"));
        assertEquals(150, startS(r, "e"));
    }
}
