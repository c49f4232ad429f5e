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
import java.util.TreeMap;

import static dev.fleetsim.policies.TestRuns.endS;
import static dev.fleetsim.policies.TestRuns.job;
import static dev.fleetsim.policies.TestRuns.record;
import static dev.fleetsim.policies.TestRuns.scenario;
import static dev.fleetsim.policies.TestRuns.startS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kueue-style quotas on 16 GPUs (two 8-GPU nodes), one second per iteration; tenants A and B, 8 GPUs each, given
 * in the scenario's tenants section (the cases below write them in the short dotted form the policy once read).
 */
class FairShareGoldenTest {
    private static final ClusterSpec TWO_NODES = Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC);

    private static Map<String, Object> quotas(Object... extra) {
        Map<String, Object> p = new TreeMap<>(Map.of("tenants.A.nominalQuota", 8L, "tenants.B.nominalQuota", 8L));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    private static RunResult run(List<TrainingJobSpec> jobs, Map<String, Object> params) {
        return TestRuns.run(TestRuns.withTenantsFromParams(scenario(TWO_NODES, jobs, List.of(), "fairshare", params,
                PreemptionSpec.FREE, 1)), 1.0);
    }

    // a1 fills A's quota at 0; a2 at 1 borrows B's unused 8 GPUs; b1 (B, 8 GPUs) arrives at 10.
    private static final List<TrainingJobSpec> BORROW_THEN_RECLAIM = List.of(
            job("a1", 8, 100, 0, "A"), job("a2", 8, 100, 1, "A"), job("b1", 8, 50, 10, "B"));

    @Test
    void idleQuotaIsBorrowedAndReclaimedByPreemption() {
        RunResult r = run(BORROW_THEN_RECLAIM, quotas());
        assertEquals(1, startS(r, "a2"), "A borrows B's idle quota");
        // b1 is within B's nominal quota: it preempts A's borrowing job, the most recently started: a2.
        assertEquals(10, startS(r, "b1"));
        assertEquals(60, endS(r, "b1"));
        assertEquals(1, record(r, "a2").preemptions());
        assertEquals(0, record(r, "a1").preemptions());
        // a2 ran 9 s before; its 91 left run [60, 151)
        assertEquals(151, endS(r, "a2"));
        DecisionRecord d = r.decisions().get(0);
        assertEquals("a2", d.jobId());
        assertTrue(d.reason().startsWith("quota reclaimed by b1 of tenant B"), d.reason());
    }

    @Test
    void withoutReclaimTheOwnerWaitsForTheBorrowerToEnd() {
        RunResult r = run(BORROW_THEN_RECLAIM, quotas("reclaim", false));
        // a1 ends at 100 first (a2 at 101): b1 [100, 150)
        assertEquals(100, startS(r, "b1"));
        assertEquals(0, r.summary().counts().preemptions());
    }

    @Test
    void borrowingLimitCapsWhatATenantTakesBeyondItsQuota() {
        // A may borrow at most 4: a2 (8 GPUs) must wait although 8 GPUs are free; a3 (4 GPUs) behind it may start.
        List<TrainingJobSpec> jobs = List.of(job("a1", 8, 100, 0, "A"), job("a2", 8, 10, 1, "A"), job("a3", 4, 10, 2, "A"));
        RunResult r = run(jobs, quotas("tenants.A.borrowingLimit", 4L));
        assertEquals(2, startS(r, "a3"));
        assertEquals(100, startS(r, "a2"));
    }

    @Test
    void withoutQuotasTenantsShareEqually() {
        // No tenants configured: each tenant with work gets half. A's second job borrows; B's arrival reclaims it.
        RunResult r = run(BORROW_THEN_RECLAIM, Map.of());
        assertEquals(10, startS(r, "b1"));
        assertEquals(1, record(r, "a2").preemptions());
    }
}
