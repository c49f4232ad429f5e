package dev.fleetsim.policies.solver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Why a job of a solved round waits: the hard constraint that would break if it took its
 * closest candidate group, with the numbers, or that nothing hard blocks it and the solver kept
 * it queued on score. Uses the same rules as {@link RoundConstraints} ({@link TenantQuota#excessGpus},
 * node free GPUs, the job's candidate groups), evaluated against the round's final placements.
 *
 * @param constraint the blocking hard constraint's name, or {@code none}
 * @param sentence the numbers in words
 * @param penalty the hard score that taking the closest group would cost (0 when nothing hard blocks)
 */
public record WaitingCause(String constraint, String sentence, long penalty) {
    public static final String NONE = "none";

    /** Analyses every waiting job of {@code schedule} against its placed jobs. */
    static Map<JobAssignment, WaitingCause> of(RoundSchedule schedule) {
        Map<GpuNode, Integer> used = new HashMap<>();
        Map<GpuNode, List<String>> holders = new HashMap<>();
        Map<String, Integer> placedByTenant = new HashMap<>();
        for (JobAssignment a : schedule.getJobs()) {
            if (a.isPlaced()) {
                for (NodeShare s : a.shares()) {
                    used.merge(s.node(), s.gpus(), Integer::sum);
                    holders.computeIfAbsent(s.node(), k -> new ArrayList<>()).add(a.getId());
                }
                placedByTenant.merge(a.tenant(), a.gpus(), Integer::sum);
            }
        }
        Map<String, TenantQuota> quotas = new HashMap<>();
        for (TenantQuota q : schedule.getQuotas()) {
            quotas.put(q.tenant(), q);
        }
        Map<JobAssignment, WaitingCause> out = new HashMap<>();
        for (JobAssignment a : schedule.getJobs()) {
            if (a.isWaiting()) {
                out.put(a, cause(a, schedule, used, holders, quotas.get(a.tenant()), placedByTenant.getOrDefault(a.tenant(), 0)));
            }
        }
        return out;
    }

    private static WaitingCause cause(JobAssignment a, RoundSchedule schedule, Map<GpuNode, Integer> used,
                                      Map<GpuNode, List<String>> holders, TenantQuota quota, int tenantPlaced) {
        JobFacts job = a.job();
        GpuGroup closest = null;
        int closestMissing = Integer.MAX_VALUE;
        GpuGroup fitting = null;
        for (GpuGroup g : a.getCandidates()) {
            if (g.isQueue()) {
                continue;
            }
            int missing = 0;
            for (NodeShare s : g.shares()) {
                missing += Math.max(0, s.gpus() - (s.node().freeGpus() - used.getOrDefault(s.node(), 0)));
            }
            if (missing == 0 && fitting == null) {
                fitting = g;
            }
            if (missing < closestMissing) {
                closest = g;
                closestMissing = missing;
            }
        }
        if (closest == null) {
            return noLayout(job, schedule);
        }
        if (fitting != null) {
            int excess = quota == null ? 0 : quota.excessGpus(tenantPlaced + job.gpus()) - quota.excessGpus(tenantPlaced);
            if (excess > 0) {
                return new WaitingCause(RoundConstraints.QUOTA, "tenant " + job.tenant() + " has a quota of "
                        + quota.limitGpus() + " GPUs and holds " + (quota.runningGpus() + tenantPlaced)
                        + " with this round's placements; " + job.gpus() + " more would exceed it by " + excess, excess);
            }
            return new WaitingCause(NONE, "it fits on " + fitting.id() + ", but the solver kept it queued: placing it "
                    + "there scored worse than waiting, or the per-round step budget ended first", 0);
        }
        TreeSet<String> takers = new TreeSet<>();
        StringBuilder nodes = new StringBuilder();
        for (NodeShare s : closest.shares()) {
            int left = s.node().freeGpus() - used.getOrDefault(s.node(), 0);
            if (left < s.gpus()) {
                takers.addAll(holders.getOrDefault(s.node(), List.of()));
                nodes.append(nodes.length() == 0 ? "" : ", ").append(s.node().name()).append(" has ").append(left)
                        .append(" of ").append(s.gpus()).append(" needed free");
            }
        }
        return new WaitingCause(RoundConstraints.CAPACITY, "closest group " + closest.id() + " lacks " + closestMissing
                + " GPU(s): " + nodes + (takers.isEmpty() ? " (held by running jobs)"
                : " (this round's placements: " + String.join(", ", takers) + ")"), closestMissing);
    }

    /** No group of any valid layout exists among the free GPUs at the start of the round. */
    private static WaitingCause noLayout(JobFacts job, RoundSchedule schedule) {
        int free = 0;
        for (GpuNode n : schedule.getNodes()) {
            if (job.feasibleGpuTypes().contains(n.gpuType())) {
                free += n.freeGpus();
            }
        }
        String types = String.join(", ", job.feasibleGpuTypes());
        if (free < job.gpus()) {
            return new WaitingCause(RoundConstraints.CAPACITY, "needs " + job.gpus() + " GPUs of " + types + "; "
                    + free + " are free", job.gpus() - free);
        }
        return new WaitingCause(RoundConstraints.GANG, free + " GPUs of " + types + " are free, but no set of nodes holds its "
                + job.gpus() + "-GPU gang with tensor-parallel groups of " + job.tp() + " inside nodes", job.gpus());
    }
}
