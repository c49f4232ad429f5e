package dev.fleetsim.policies.solver;

import dev.fleetsim.policies.solver.justification.GangSplit;
import dev.fleetsim.policies.solver.justification.JobSpread;
import dev.fleetsim.policies.solver.justification.JobWaits;
import dev.fleetsim.policies.solver.justification.MemoryMisfit;
import dev.fleetsim.policies.solver.justification.NodeOverAllocated;
import dev.fleetsim.policies.solver.justification.PowerHungryGpuType;
import dev.fleetsim.policies.solver.justification.PriceyGpuType;
import dev.fleetsim.policies.solver.justification.StrandedGpus;
import dev.fleetsim.policies.solver.justification.TenantOverQuota;
import dev.fleetsim.policies.solver.justification.WrongGpuType;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sum;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.toList;
import static org.optaplanner.core.api.score.stream.Joiners.equal;

/**
 * The rules of a scheduling round, one method per named constraint. Hard: node capacity, GPU
 * type, gang, memory, tenant quota. Soft (weights from {@link ScheduleWeights}): weighted
 * waiting, locality, stranded GPUs, price and power of the GPU type. Every match carries a
 * justification record, so a round's decisions can be explained from the score.
 */
public final class RoundConstraints implements ConstraintProvider {
    public static final String CAPACITY = "A node's free GPUs are not over-allocated";
    public static final String GPU_TYPE = "A job runs on the GPU type it asks for";
    public static final String GANG = "A job's gang is placed whole with tensor-parallel groups inside nodes";
    public static final String MEMORY = "A job runs only where it fits in GPU memory";
    public static final String QUOTA = "A tenant stays within its GPU quota";
    public static final String WAITING = "A waiting job costs its priority-weighted waiting time";
    public static final String LOCALITY = "A job spans as few NVLink domains and leaf switches as it can";
    public static final String FRAGMENTATION = "A placement leaves no stranded GPUs on the nodes it uses";
    public static final String COST = "A job runs on the cheapest GPU type it can use";
    public static final String ENERGY = "A job runs on the lowest-power GPU type it can use";

    /** The hard constraints, in the order explanations check them. */
    public static final List<String> HARD = List.of(GPU_TYPE, MEMORY, GANG, CAPACITY, QUOTA);

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                nodeGpusAreNotOverAllocated(factory),
                jobRunsOnRequestedGpuType(factory),
                gangIsPlacedWhole(factory),
                jobFitsInGpuMemory(factory),
                tenantStaysWithinQuota(factory),
                waitingJobCostsWeightedWait(factory),
                jobSpansFewNodesAndLeaves(factory),
                placementLeavesNoStrandedGpus(factory),
                jobRunsOnCheapestType(factory),
                jobRunsOnLowestPowerType(factory)
        };
    }

    Constraint nodeGpusAreNotOverAllocated(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(JobAssignment::isPlaced)
                .flattenLast(RoundConstraints::uses)
                .groupBy(NodeUse::node, sum(NodeUse::gpus), toList(NodeUse::job))
                .filter((node, used, jobs) -> used > node.freeGpus())
                .penalizeLong(HardSoftLongScore.ONE_HARD, (node, used, jobs) -> used - node.freeGpus())
                .indictWith((node, used, jobs) -> indicted(jobs))
                .justifyWith((node, used, jobs, score) -> new NodeOverAllocated(node.name(), node.freeGpus(), used, ids(jobs)))
                .asConstraint(CAPACITY);
    }

    Constraint jobRunsOnRequestedGpuType(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(a -> a.isPlaced() && a.job().requiredGpuType().isPresent()
                        && !a.job().requiredGpuType().get().equals(a.getGroup().gpuType()))
                .penalizeLong(HardSoftLongScore.ONE_HARD, JobAssignment::gpus)
                .justifyWith((a, score) -> new WrongGpuType(a.getId(), a.getGroup().gpuType(), a.job().requiredGpuType().get()))
                .asConstraint(GPU_TYPE);
    }

    Constraint gangIsPlacedWhole(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(a -> !a.gangFits(a.getGroup()))
                .penalizeLong(HardSoftLongScore.ONE_HARD, JobAssignment::gpus)
                .justifyWith((a, score) -> new GangSplit(a.getId(), a.getGroup().id(), a.getGroup().totalGpus(), a.gpus(), a.job().tp()))
                .asConstraint(GANG);
    }

    /** Memory only: a type the job did not ask for is the GPU-type constraint's match, not this one's. */
    Constraint jobFitsInGpuMemory(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(a -> a.isPlaced()
                        && a.job().requiredGpuType().map(t -> t.equals(a.getGroup().gpuType())).orElse(true)
                        && !a.job().feasibleGpuTypes().contains(a.getGroup().gpuType()))
                .penalizeLong(HardSoftLongScore.ONE_HARD, JobAssignment::gpus)
                .justifyWith((a, score) -> new MemoryMisfit(a.getId(), a.getGroup().gpuType(), a.job().feasibleGpuTypes()))
                .asConstraint(MEMORY);
    }

    Constraint tenantStaysWithinQuota(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(JobAssignment::isPlaced)
                .groupBy(JobAssignment::tenant, sum(JobAssignment::gpus), toList())
                .join(TenantQuota.class, equal((tenant, used, jobs) -> tenant, TenantQuota::tenant))
                .filter((tenant, used, jobs, quota) -> quota.excessGpus(used) > 0)
                .penalizeLong(HardSoftLongScore.ONE_HARD, (tenant, used, jobs, quota) -> quota.excessGpus(used))
                .indictWith((tenant, used, jobs, quota) -> indicted(jobs))
                .justifyWith((tenant, used, jobs, quota, score) -> new TenantOverQuota(tenant, quota.limitGpus(),
                        quota.runningGpus(), used, ids(jobs)))
                .asConstraint(QUOTA);
    }

    Constraint waitingJobCostsWeightedWait(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(JobAssignment::isWaiting)
                .penalizeConfigurableLong(JobAssignment::waitingPenalty)
                .justifyWith((a, score) -> new JobWaits(a.getId(), a.job().priority(), a.job().waitedS()))
                .asConstraint(WAITING);
    }

    Constraint jobSpansFewNodesAndLeaves(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(a -> a.localityPenalty() > 0)
                .penalizeConfigurableLong(JobAssignment::localityPenalty)
                .justifyWith((a, score) -> new JobSpread(a.getId(), a.getGroup().id(), a.getGroup().nodeCount(),
                        a.getGroup().leafCount(), a.job().minNodes(), a.job().minLeaves()))
                .asConstraint(LOCALITY);
    }

    Constraint placementLeavesNoStrandedGpus(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(JobAssignment::isPlaced)
                .flattenLast(RoundConstraints::uses)
                .groupBy(NodeUse::node, sum(NodeUse::gpus), toList(NodeUse::job))
                .filter((node, used, jobs) -> used < node.freeGpus())
                .penalizeConfigurableLong((node, used, jobs) -> node.freeGpus() - used)
                .indictWith((node, used, jobs) -> indicted(jobs))
                .justifyWith((node, used, jobs, score) -> new StrandedGpus(node.name(), node.freeGpus() - used, ids(jobs)))
                .asConstraint(FRAGMENTATION);
    }

    Constraint jobRunsOnCheapestType(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(a -> a.costPenalty() > 0)
                .penalizeConfigurableLong(JobAssignment::costPenalty)
                .justifyWith((a, score) -> new PriceyGpuType(a.getId(), a.getGroup().gpuType(), a.costPenalty()))
                .asConstraint(COST);
    }

    Constraint jobRunsOnLowestPowerType(ConstraintFactory factory) {
        return factory.forEach(JobAssignment.class)
                .filter(a -> a.energyPenalty() > 0)
                .penalizeConfigurableLong(JobAssignment::energyPenalty)
                .justifyWith((a, score) -> new PowerHungryGpuType(a.getId(), a.getGroup().gpuType(), a.energyPenalty()))
                .asConstraint(ENERGY);
    }

    /** The (job, node, GPUs) triples of a placed job; equal triples for an unchanged job, as flattening needs. */
    static List<NodeUse> uses(JobAssignment a) {
        List<NodeShare> shares = a.shares();
        List<NodeUse> out = new ArrayList<>(shares.size());
        for (NodeShare s : shares) {
            out.add(new NodeUse(a, s.node(), s.gpus()));
        }
        return out;
    }

    private static Collection<Object> indicted(List<JobAssignment> jobs) {
        return new ArrayList<>(jobs);
    }

    /** Job ids sorted, so a justification does not depend on the order moves happened in. */
    private static List<String> ids(List<JobAssignment> jobs) {
        return jobs.stream().map(JobAssignment::getId).sorted().toList();
    }
}
