package dev.fleetsim.policies.solver;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

import java.util.List;
import java.util.Optional;

import static dev.fleetsim.policies.solver.Fixtures.H100;
import static dev.fleetsim.policies.solver.Fixtures.H200;
import static dev.fleetsim.policies.solver.Fixtures.group;
import static dev.fleetsim.policies.solver.Fixtures.job;
import static dev.fleetsim.policies.solver.Fixtures.node;
import static dev.fleetsim.policies.solver.Fixtures.on;
import static dev.fleetsim.policies.solver.Fixtures.withTenant;
import static dev.fleetsim.policies.solver.Fixtures.withType;

/** Each constraint on one fixture that breaks it (penalty worked out by hand) and one that does not. */
class RoundConstraintsTest {
    private final ConstraintVerifier<RoundConstraints, RoundSchedule> verifier =
            ConstraintVerifier.build(new RoundConstraints(), RoundSchedule.class, JobAssignment.class)
                    .withConstraintStreamImplType(ConstraintStreamImplType.BAVET);

    @Test
    void capacityCountsGpusOverTheNodesFreeOnes() {
        GpuNode n0 = node(0, 0, 8);
        GpuNode n1 = node(1, 0, 8);
        // n0: 4 + 4 + 2 = 10 asked of 8 free -> 2 over; n1: 4 of 8 -> fine
        verifier.verifyThat(RoundConstraints::nodeGpusAreNotOverAllocated)
                .given(on(job("a", 4), group(4, n0)), on(job("b", 4), group(4, n0)), on(job("c", 2), group(2, n0)),
                        on(job("d", 4), group(4, n1)))
                .penalizesBy(2);
        verifier.verifyThat(RoundConstraints::nodeGpusAreNotOverAllocated)
                .given(on(job("a", 4), group(4, n0)), on(job("b", 4), group(4, n0)), on(job("c", 2), GpuGroup.queue()))
                .penalizesBy(0);
    }

    @Test
    void gpuTypeMustMatchTheRequestedOne() {
        GpuNode h200 = node(0, 0, H200, 8);
        GpuNode h100 = node(1, 0, H100, 8);
        JobFacts wantsH100 = withType(job("a", 4), Optional.of(H100), List.of(H100));
        verifier.verifyThat(RoundConstraints::jobRunsOnRequestedGpuType)
                .given(on(wantsH100, group(4, h200)))
                .penalizesBy(4);
        verifier.verifyThat(RoundConstraints::jobRunsOnRequestedGpuType)
                .given(on(wantsH100, group(4, h100)), on(job("any", 2), group(2, h200)))
                .penalizesBy(0);
    }

    @Test
    void gangMustBeWholeWithTensorGroupsInsideNodes() {
        GpuNode n0 = node(0, 0, 8);
        GpuNode n1 = node(1, 0, 8);
        // tp 8 over 2 nodes x 4: every TP group would cross nodes -> its 8 GPUs penalised
        verifier.verifyThat(RoundConstraints::gangIsPlacedWhole)
                .given(on(job("tp8", 8, 8, 0, 0), group(4, n0, n1)))
                .penalizesBy(8);
        // a 16-GPU gang on a group of 8 GPUs is not whole
        verifier.verifyThat(RoundConstraints::gangIsPlacedWhole)
                .given(on(job("big", 16), group(8, n0)))
                .penalizesBy(16);
        verifier.verifyThat(RoundConstraints::gangIsPlacedWhole)
                .given(on(job("tp8", 8, 8, 0, 0), group(8, n0)), on(job("tp2", 8, 2, 0, 0), group(4, n0, n1)))
                .penalizesBy(0);
    }

    @Test
    void memoryFitDecidesTheUsableTypes() {
        GpuNode h100 = node(0, 0, H100, 8);
        GpuNode h200 = node(1, 0, H200, 8);
        JobFacts onlyH200 = withType(job("big-model", 8), Optional.empty(), List.of(H200));
        verifier.verifyThat(RoundConstraints::jobFitsInGpuMemory)
                .given(on(onlyH200, group(8, h100)))
                .penalizesBy(8);
        verifier.verifyThat(RoundConstraints::jobFitsInGpuMemory)
                .given(on(onlyH200, group(8, h200)))
                .penalizesBy(0);
    }

    @Test
    void quotaCountsRunningAndNewlyPlacedGpus() {
        GpuNode n0 = node(0, 0, 8);
        GpuNode n1 = node(1, 0, 8);
        // t1 holds 4 of a quota of 8; placing 4 + 2 more -> 10, 2 over
        verifier.verifyThat(RoundConstraints::tenantStaysWithinQuota)
                .given(new TenantQuota("t1", 8, 4), on(job("a", 4), group(4, n0)), on(job("b", 2), group(2, n1)))
                .penalizesBy(2);
        // an overrun already there (10 of 8) is not this round's doing: only the 2 added count
        verifier.verifyThat(RoundConstraints::tenantStaysWithinQuota)
                .given(new TenantQuota("t1", 8, 10), on(job("b", 2), group(2, n1)))
                .penalizesBy(2);
        verifier.verifyThat(RoundConstraints::tenantStaysWithinQuota)
                .given(new TenantQuota("t1", 16, 4), on(job("a", 4), group(4, n0)),
                        on(withTenant(job("c", 8), "t2"), group(8, n1)))
                .penalizesBy(0);
    }

    @Test
    void waitingCostsPriorityTimesMinutesWaited() {
        // priority 1 -> factor 2; waited 150 s -> minutes 2, counting the one under way 3 -> 6
        verifier.verifyThat(RoundConstraints::waitingJobCostsWeightedWait)
                .given(on(job("a", 1, 1, 1, 150), GpuGroup.queue()))
                .penalizesBy(6);
        verifier.verifyThat(RoundConstraints::waitingJobCostsWeightedWait)
                .given(on(job("a", 1, 1, 1, 150), group(1, node(0, 0, 8))))
                .penalizesBy(0);
    }

    @Test
    void localityCountsNodesAndLeavesBeyondTheFewest() {
        GpuNode leaf0 = node(0, 0, 8);
        GpuNode leaf1 = node(1, 1, 8);
        // an 8-GPU job could use 1 node on 1 leaf; 2 nodes on 2 leaves: 1 extra node + 4 x 1 extra leaf = 5
        verifier.verifyThat(RoundConstraints::jobSpansFewNodesAndLeaves)
                .given(on(job("a", 8), group(4, leaf0, leaf1)))
                .penalizesBy(5);
        verifier.verifyThat(RoundConstraints::jobSpansFewNodesAndLeaves)
                .given(on(job("a", 8), group(8, leaf0)), on(job("b", 16), group(8, leaf0, node(2, 0, 8))))
                .penalizesBy(0);
    }

    @Test
    void fragmentationCountsGpusLeftFreeOnUsedNodes() {
        GpuNode n0 = node(0, 0, 8);
        GpuNode n1 = node(1, 0, 3);
        // a 1-GPU job on an empty node strands 7; a 2-GPU job on n1 (3 free) strands 1
        verifier.verifyThat(RoundConstraints::placementLeavesNoStrandedGpus)
                .given(on(job("a", 1), group(1, n0)), on(job("b", 2), group(2, n1)))
                .penalizesBy(8);
        verifier.verifyThat(RoundConstraints::placementLeavesNoStrandedGpus)
                .given(on(job("a", 4), group(4, n0)), on(job("b", 4), group(4, n0)), on(job("c", 1), GpuGroup.queue()))
                .penalizesBy(0);
    }

    @Test
    void costCountsCentsPerHourAboveTheCheapestType() {
        // H200 is 1.50 $/GPU-h dearer in the fixture: 2 GPUs -> 300 cents/h
        verifier.verifyThat(RoundConstraints::jobRunsOnCheapestType)
                .given(on(job("a", 2), group(2, node(0, 0, H200, 8))))
                .penalizesBy(300);
        verifier.verifyThat(RoundConstraints::jobRunsOnCheapestType)
                .given(on(job("a", 2), group(2, node(0, 0, H100, 8))))
                .penalizesBy(0);
    }

    @Test
    void energyCountsWattsAboveTheLowestPowerType() {
        // H200 draws 50 W more per GPU in the fixture: 2 GPUs -> 100 W
        verifier.verifyThat(RoundConstraints::jobRunsOnLowestPowerType)
                .given(on(job("a", 2), group(2, node(0, 0, H200, 8))))
                .penalizesBy(100);
        verifier.verifyThat(RoundConstraints::jobRunsOnLowestPowerType)
                .given(on(job("a", 2), group(2, node(0, 0, H100, 8))))
                .penalizesBy(0);
    }
}
