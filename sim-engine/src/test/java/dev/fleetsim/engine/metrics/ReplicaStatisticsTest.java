package dev.fleetsim.engine.metrics;

import dev.fleetsim.engine.workload.JobKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serving replicas are no jobs: a mixed run's wait, queueing, JCT, slowdown, tenants' job figures
 * and unfinished count are its training jobs' alone, and the replicas have their own group.
 */
class ReplicaStatisticsTest {
    private static final long S = 1_000_000_000L;

    /** A finished training job of 100 iterations of 1 s ideal each: ideal run 100 s. */
    private static JobRecord training(String id, String tenant, long submitS, long startS, long endS) {
        return record(id, JobKind.TRAINING, tenant, "FINISHED", submitS, OptionalLong.of(startS * S),
                OptionalLong.of(endS * S), 100, 1.0, (endS - startS) * S, (startS - submitS) * S);
    }

    /** A replica (no iterations, no ideal time), ended at endS or still serving when endS is negative. */
    private static JobRecord replica(String id, String tenant, long submitS, long startS, long endS) {
        boolean ended = endS >= 0;
        return record(id, JobKind.SERVING, tenant, ended ? "FINISHED" : "RUNNING", submitS, OptionalLong.of(startS * S),
                ended ? OptionalLong.of(endS * S) : OptionalLong.empty(), 0, 0, ((ended ? endS : 50_000) - startS) * S,
                (startS - submitS) * S);
    }

    private static JobRecord record(String id, JobKind kind, String tenant, String state, long submitS, OptionalLong start,
                                    OptionalLong end, long iterations, double idealS, long runNs, long queueingNs) {
        return new JobRecord(id, kind.key(), tenant, state, 8, "H100-SXM", submitS * S, start, end, "n0[0-7]", iterations,
                iterations, 0, idealS, idealS, 0, 0, 10, 1, 0, "", runNs, 0, 0, 0, 0, OptionalLong.of(queueingNs));
    }

    /**
     * Jobs: a (submit 0, start 0, end 200: wait 0, JCT 200, slowdown 2) and b (submit 0, start 200, end 300:
     * wait 200, JCT 300, slowdown 3), both tenant red. Replicas of tenant red: r0 (submit 0, start 0, end 40,000:
     * lifetime 40,000) and r1 (submit 10, start 30, still serving). Counting the replicas the mean JCT would be
     * (200 + 300 + 40,000) / 3 = 13,500 s; the jobs' is (200 + 300) / 2 = 250 s.
     */
    private static final List<JobRecord> MIXED = List.of(training("a", "red", 0, 0, 200),
            replica("chat/replica-0", "red", 0, 0, 40_000), training("b", "red", 0, 200, 300),
            replica("chat/replica-1", "red", 10, 30, -1));

    @Test
    void theJobStatisticsCountJobsOnly() {
        RunSummary.Times t = SummaryBuilder.times(MIXED, 50_000 * S, OptionalLong.empty());
        assertEquals(2, t.jctS().count());
        assertEquals((200 + 300) / 2.0, t.jctS().mean(), 1e-9);
        assertEquals((0 + 200) / 2.0, t.waitS().mean(), 1e-9);
        assertEquals((2 + 3) / 2.0, t.slowdown().mean(), 1e-9);
        assertEquals(0, t.censoring().unfinished(), "a replica serving at the end is no unfinished job");
    }

    @Test
    void aTenantsJobFiguresAreItsJobsAndItsBillIsEverything() {
        RunSummary.Tenant red = SummaryBuilder.tenants(MIXED).byTenant().get("red");
        assertEquals(2, red.jobs());
        assertEquals(2, red.finished());
        assertEquals(2, red.servingReplicas());
        assertEquals(250, red.jctS().mean(), 1e-9);
        // GPU-hours: 8 GPUs × (200 + 40,000 + 100 + 49,970) s / 3600; cost 4 × $10
        assertEquals(8 * (200 + 40_000 + 100 + 49_970) / 3600.0, red.gpuHours(), 1e-9);
        assertEquals(40, red.costUsd(), 1e-9);
    }

    @Test
    void theReplicasHaveTheirOwnGroup() {
        RunSummary.Replicas r = SummaryBuilder.replicas(MIXED);
        assertEquals(2, r.count());
        assertEquals(1, r.ended());
        assertEquals(1, r.running());
        // waits 0 and 30 − 10 = 20; the one lifetime 40,000 − 0
        assertEquals(10, r.waitS().mean(), 1e-9);
        assertEquals(1, r.lifetimeS().count());
        assertEquals(40_000, r.lifetimeS().mean(), 1e-9);
        assertNull(SummaryBuilder.replicas(List.of(training("a", "red", 0, 0, 200))), "no replicas, no group");
    }

    @Test
    void jobCountsLeaveTheReplicasOut() {
        RunSummary s = new RunSummary("s", 1, "fifo", 8, new RunSummary.Counts(4, 3, 1, 0, 0, 0, 0, 2),
                SummaryBuilder.times(MIXED, 50_000 * S, OptionalLong.empty()), new RunSummary.Utilisation(0, 0, 0),
                new RunSummary.Cost(0, 0, 0, 0), SummaryBuilder.tenants(MIXED), RunSummary.Reliability.NONE,
                new RunSummary.Kernel(0, 0, 0), RunSummary.Training.UNKNOWN, SummaryBuilder.replicas(MIXED), List.of());
        RunSummary.Counts jobs = s.jobCounts();
        assertEquals(2, jobs.jobs());
        assertEquals(2, jobs.finished());
        assertEquals(0, jobs.running(), "the running one is a replica");
        assertEquals(0, SummaryMetric.find("unfinished").orElseThrow().value().applyAsDouble(s));
        assertEquals(250, SummaryMetric.find("mean_jct_s").orElseThrow().value().applyAsDouble(s), 1e-9);
        assertEquals(s.replicas(), s.withServices(List.of()).replicas(), "the services' figures keep the replicas'");
    }

    @Test
    void oneRuleSaysWhatAJobIs() {
        assertTrue(JobKind.TRAINING.isJob());
        assertFalse(JobKind.SERVING.isJob());
        assertTrue(MIXED.get(0).isJob());
        assertFalse(MIXED.get(1).isJob());
    }
}
