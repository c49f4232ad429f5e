package dev.fleetsim.policies.solver;

import dev.fleetsim.policies.solver.justification.GangSplit;
import dev.fleetsim.policies.solver.justification.JobSpread;
import dev.fleetsim.policies.solver.justification.JobWaits;
import dev.fleetsim.policies.solver.justification.Justification;
import dev.fleetsim.policies.solver.justification.MemoryMisfit;
import dev.fleetsim.policies.solver.justification.NodeOverAllocated;
import dev.fleetsim.policies.solver.justification.PowerHungryGpuType;
import dev.fleetsim.policies.solver.justification.PriceyGpuType;
import dev.fleetsim.policies.solver.justification.StrandedGpus;
import dev.fleetsim.policies.solver.justification.TenantOverQuota;
import dev.fleetsim.policies.solver.justification.WrongGpuType;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The constraint matches of one schedule, computed in one pass over its jobs: what
 * {@code SolutionManager.explain} returns for {@link RoundConstraints} (the same matches, score
 * impacts, justifications and indicted jobs, and the same total score), without building a
 * constraint session. A session costs more than a whole small round: the Philly-like run solves
 * hundreds of thousands of rounds, most with one or two movable jobs, and its explanation is all
 * it needs a session for.
 *
 * <p>Each block below mirrors one method of {@link RoundConstraints} (named in its comment), and
 * the penalties are the shared functions of {@link JobAssignment} and {@link TenantQuota}. As in
 * OptaPlanner, a soft constraint whose weight is zero is off: it has no matches.
 * {@code RoundMatchesTest} compares both on random schedules (infeasible ones included) and
 * random weights; a change to a constraint must be made in both places, or that test fails.
 */
final class RoundMatches {
    /** One constraint match: its score impact, its justification and the jobs it indicts. */
    record Match(String constraint, HardSoftLongScore score, Justification justification, List<JobAssignment> indicted) {
    }

    private final Map<JobAssignment, List<Match>> byJob = new IdentityHashMap<>();
    private long hard;
    private long soft;

    private RoundMatches() {
    }

    /** The total score of {@code schedule} under {@link RoundConstraints}. */
    static HardSoftLongScore score(RoundSchedule schedule) {
        RoundMatches m = new RoundMatches();
        m.evaluate(schedule, false);
        return m.score();
    }

    /** Every match of {@code schedule}, indexed by the jobs it indicts. */
    static RoundMatches of(RoundSchedule schedule) {
        RoundMatches m = new RoundMatches();
        m.evaluate(schedule, true);
        return m;
    }

    HardSoftLongScore score() {
        return HardSoftLongScore.of(hard, soft);
    }

    /** The matches that indict {@code job}, in no particular order. */
    List<Match> of(JobAssignment job) {
        return byJob.getOrDefault(job, List.of());
    }

    private void evaluate(RoundSchedule schedule, boolean collect) {
        ScheduleWeights w = schedule.getWeights();
        Map<GpuNode, List<JobAssignment>> jobsByNode = new LinkedHashMap<>();
        Map<GpuNode, Integer> usedByNode = new LinkedHashMap<>();
        Map<String, List<JobAssignment>> jobsByTenant = new LinkedHashMap<>();
        Map<String, Integer> usedByTenant = new LinkedHashMap<>();
        for (JobAssignment a : schedule.getJobs()) {
            JobFacts job = a.job();
            GpuGroup g = a.getGroup();
            if (a.isPlaced()) {
                for (NodeShare s : a.shares()) {
                    jobsByNode.computeIfAbsent(s.node(), k -> new ArrayList<>()).add(a);
                    usedByNode.merge(s.node(), s.gpus(), Integer::sum);
                }
                jobsByTenant.computeIfAbsent(a.tenant(), k -> new ArrayList<>()).add(a);
                usedByTenant.merge(a.tenant(), a.gpus(), Integer::sum);
                // jobRunsOnRequestedGpuType
                boolean typeAsked = job.requiredGpuType().map(t -> t.equals(g.gpuType())).orElse(true);
                if (!typeAsked) {
                    hard(collect, RoundConstraints.GPU_TYPE, a.gpus(), a,
                            () -> new WrongGpuType(a.getId(), g.gpuType(), job.requiredGpuType().get()));
                }
                // jobFitsInGpuMemory
                if (typeAsked && !job.feasibleGpuTypes().contains(g.gpuType())) {
                    hard(collect, RoundConstraints.MEMORY, a.gpus(), a,
                            () -> new MemoryMisfit(a.getId(), g.gpuType(), job.feasibleGpuTypes()));
                }
            } else if (w.waiting() != 0) {
                // waitingJobCostsWeightedWait
                soft(collect, RoundConstraints.WAITING, w.waiting(), a.waitingPenalty(), List.of(a),
                        () -> new JobWaits(a.getId(), job.priority(), job.waitedS()));
            }
            // gangIsPlacedWhole
            if (!a.gangFits(g)) {
                hard(collect, RoundConstraints.GANG, a.gpus(), a,
                        () -> new GangSplit(a.getId(), g.id(), g.totalGpus(), a.gpus(), job.tp()));
            }
            // jobSpansFewNodesAndLeaves
            long locality = a.localityPenalty();
            if (locality > 0 && w.locality() != 0) {
                soft(collect, RoundConstraints.LOCALITY, w.locality(), locality, List.of(a),
                        () -> new JobSpread(a.getId(), g.id(), g.nodeCount(), g.leafCount(), job.minNodes(), job.minLeaves()));
            }
            // jobRunsOnCheapestType
            long cost = a.costPenalty();
            if (cost > 0 && w.cost() != 0) {
                soft(collect, RoundConstraints.COST, w.cost(), cost, List.of(a), () -> new PriceyGpuType(a.getId(), g.gpuType(), cost));
            }
            // jobRunsOnLowestPowerType
            long energy = a.energyPenalty();
            if (energy > 0 && w.energy() != 0) {
                soft(collect, RoundConstraints.ENERGY, w.energy(), energy, List.of(a),
                        () -> new PowerHungryGpuType(a.getId(), g.gpuType(), energy));
            }
        }
        for (Map.Entry<GpuNode, Integer> e : usedByNode.entrySet()) {
            GpuNode node = e.getKey();
            int used = e.getValue();
            List<JobAssignment> jobs = jobsByNode.get(node);
            if (used > node.freeGpus()) {
                // nodeGpusAreNotOverAllocated
                hard += -(long) (used - node.freeGpus());
                add(collect, RoundConstraints.CAPACITY, HardSoftLongScore.ofHard(-(long) (used - node.freeGpus())), jobs,
                        () -> new NodeOverAllocated(node.name(), node.freeGpus(), used, ids(jobs)));
            } else if (used < node.freeGpus() && w.fragmentation() != 0) {
                // placementLeavesNoStrandedGpus
                soft(collect, RoundConstraints.FRAGMENTATION, w.fragmentation(), node.freeGpus() - used, jobs,
                        () -> new StrandedGpus(node.name(), node.freeGpus() - used, ids(jobs)));
            }
        }
        // tenantStaysWithinQuota
        for (TenantQuota quota : schedule.getQuotas()) {
            Integer used = usedByTenant.get(quota.tenant());
            if (used != null && quota.excessGpus(used) > 0) {
                List<JobAssignment> jobs = jobsByTenant.get(quota.tenant());
                hard += -(long) quota.excessGpus(used);
                add(collect, RoundConstraints.QUOTA, HardSoftLongScore.ofHard(-(long) quota.excessGpus(used)), jobs,
                        () -> new TenantOverQuota(quota.tenant(), quota.limitGpus(), quota.runningGpus(), used, ids(jobs)));
            }
        }
    }

    private void hard(boolean collect, String constraint, long penalty, JobAssignment job,
                      Supplier<Justification> why) {
        hard -= penalty;
        add(collect, constraint, HardSoftLongScore.ofHard(-penalty), List.of(job), why);
    }

    private void soft(boolean collect, String constraint, long weight, long penalty, List<JobAssignment> jobs,
                      Supplier<Justification> why) {
        soft -= weight * penalty;
        add(collect, constraint, HardSoftLongScore.ofSoft(-weight * penalty), jobs, why);
    }

    private void add(boolean collect, String constraint, HardSoftLongScore score, List<JobAssignment> jobs,
                     Supplier<Justification> why) {
        if (!collect) {
            return;
        }
        Match m = new Match(constraint, score, why.get(), List.copyOf(jobs));
        for (JobAssignment a : jobs) {
            byJob.computeIfAbsent(a, k -> new ArrayList<>()).add(m);
        }
    }

    /** Job ids sorted, as {@link RoundConstraints} writes them into justifications. */
    private static List<String> ids(List<JobAssignment> jobs) {
        return jobs.stream().map(JobAssignment::getId).sorted().toList();
    }
}
