package dev.fleetsim.policies;

import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PreemptionSpec;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Scenarios;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.workload.TenantSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static dev.fleetsim.policies.TestRuns.job;
import static dev.fleetsim.policies.TestRuns.record;
import static dev.fleetsim.policies.TestRuns.scenario;
import static dev.fleetsim.policies.TestRuns.startS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario's tenants section is the one home of quotas and tenant priorities: fairshare,
 * optaplanner and priority read the same entries (one second per iteration, 16 GPUs on two nodes).
 */
class TenantsSectionTest {
    private static final ClusterSpec TWO_NODES = Scenarios.homogeneous("H100-SXM", 2, 8, Scenarios.DEFAULT_FABRIC);

    private static TenantSpec tenant(String name, Long quota, Long borrowingLimit, int priority) {
        return new TenantSpec(name, quota == null ? OptionalLong.empty() : OptionalLong.of(quota),
                borrowingLimit == null ? OptionalLong.empty() : OptionalLong.of(borrowingLimit), TenantSpec.DEFAULT_COHORT,
                priority);
    }

    private static RunResult run(String policy, List<TrainingJobSpec> jobs, List<TenantSpec> tenants) {
        ScenarioSpec s = scenario(TWO_NODES, jobs, List.of(), policy, Map.of(), PreemptionSpec.FREE, 1).withTenants(tenants);
        return TestRuns.run(s, 1.0);
    }

    // A's two 8-GPU jobs arrive together; B has a quota and no work.
    private static final List<TrainingJobSpec> A_TWICE = List.of(job("a1", 8, 100, 0, "A"), job("a2", 8, 100, 0, "A"));

    @Test
    void fairshareAndOptaplannerReadTheSameQuotas() {
        for (String policy : List.of("fairshare", "optaplanner")) {
            // A may borrow B's unused quota: both start at once
            RunResult borrow = run(policy, A_TWICE, List.of(tenant("A", 8L, null, 0), tenant("B", 8L, null, 0)));
            assertEquals(0, startS(borrow, "a2"), policy + ": a2 borrows B's idle quota");
            // with a borrowing limit of 0, A holds its 8 GPUs at most: a2 waits for a1 although 8 GPUs are free
            RunResult capped = run(policy, A_TWICE, List.of(tenant("A", 8L, 0L, 0), tenant("B", 8L, null, 0)));
            assertEquals(100, startS(capped, "a2"), policy + ": the borrowing limit holds");
        }
    }

    @Test
    void priorityRanksByTenantPriorityThenJobPriority() {
        // 8 GPUs: lo1 runs from 0; lo2 and hi1 queue; hi1's tenant outranks lo's, so it preempts lo1 at 2
        ClusterSpec one = Scenarios.homogeneous("H100-SXM", 1, 8, Scenarios.DEFAULT_FABRIC);
        List<TrainingJobSpec> jobs = List.of(job("lo1", 8, 100, 0, "lo"), job("lo2", 8, 10, 1, "lo"), job("hi1", 8, 10, 2, "hi"));
        ScenarioSpec withTenants = scenario(one, jobs, List.of(), "priority", Map.of(), PreemptionSpec.FREE, 1)
                .withTenants(List.of(tenant("hi", null, null, 1)));
        RunResult ranked = TestRuns.run(withTenants, 1.0);
        assertEquals(2, startS(ranked, "hi1"));
        assertEquals(1, record(ranked, "lo1").preemptions());
        assertTrue(ranked.decisions().stream().anyMatch(d -> d.reason().contains("tenant priority 1")),
                ranked.decisions().toString());
        // without the section every tenant is priority 0: FIFO, no preemption
        RunResult plain = TestRuns.run(scenario(one, jobs, List.of(), "priority", Map.of(), PreemptionSpec.FREE, 1), 1.0);
        assertEquals(110, startS(plain, "hi1"));
        assertEquals(0, plain.summary().counts().preemptions());
    }

    @Test
    void quotasInAPolicysParametersAreRefusedWithTheNewHome() throws Exception {
        String file = String.join("\n",
                "name: old-quotas",
                "cluster: {nodeGroups: [{name: h, gpuType: H100-SXM, count: 2, gpusPerNode: 8, nicsPerNode: 8, "
                        + "nicBandwidth: 400 Gb/s}]}",
                "workload: {jobs: [{id: a, model: gpt-1.3b, precision: bf16, globalBatch: 8, parallelism: {dp: 8}, "
                        + "iterations: 10, tenant: research}]}",
                "policy:",
                "  name: fairshare",
                "  params: {tenants: {research: {nominalQuota: 8}}}",
                "  paramsByPolicy: {optaplanner: {quota.research: 8}, lottery: {}}",
                "");
        List<Problem> problems = Fleetsim.create().validate(file, "old.yaml").problems();
        // the other policies in name order
        assertEquals(List.of("policy.params.tenants.research.nominalQuota", "policy.paramsByPolicy.lottery",
                "policy.paramsByPolicy.optaplanner.quota.research"),
                problems.stream().map(Problem::path).toList());
        assertTrue(problems.get(0).allowed().contains("tenants: {NAME: {nominalQuota: 16"), problems.get(0).toString());
    }
}
