package dev.fleetsim.policies.solver;

import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first solver phase: a greedy start that local search then improves. Jobs are taken by
 * waiting penalty (priority × age, queue order on ties); each gets the candidate group that
 * fits the GPUs still free and its tenant's quota at the lowest weighted soft cost (locality,
 * GPUs it would strand, price, power), or stays queued when even that costs more than waiting.
 * Replaces a generic construction heuristic, which would try every value of every job: with a
 * thousand jobs and a thousand groups each that is a million score calculations per round.
 */
public final class GreedyStart implements CustomPhaseCommand<RoundSchedule> {
    private static final String VARIABLE = "group";

    @Override
    public void changeWorkingSolution(ScoreDirector<RoundSchedule> scoreDirector) {
        for (Map.Entry<JobAssignment, GpuGroup> e : choose(scoreDirector.getWorkingSolution()).entrySet()) {
            JobAssignment a = e.getKey();
            scoreDirector.beforeVariableChanged(a, VARIABLE);
            a.setGroup(e.getValue());
            scoreDirector.afterVariableChanged(a, VARIABLE);
            scoreDirector.triggerVariableListeners();
        }
    }

    /**
     * The group the greedy start gives each job it places, in the order it places them; reads
     * {@code schedule} and changes nothing. A choice depends only on the choices before it (the
     * GPUs and quota they take), never on the jobs' current groups.
     */
    static Map<JobAssignment, GpuGroup> choose(RoundSchedule schedule) {
        ScheduleWeights w = schedule.getWeights();
        int size = 0;
        for (GpuNode n : schedule.getNodes()) {
            size = Math.max(size, n.index() + 1);
        }
        int[] remaining = new int[size];
        for (GpuNode n : schedule.getNodes()) {
            remaining[n.index()] = n.freeGpus();
        }
        Map<String, TenantQuota> quotas = new HashMap<>();
        Map<String, Integer> placedByTenant = new HashMap<>();
        for (TenantQuota q : schedule.getQuotas()) {
            quotas.put(q.tenant(), q);
        }
        List<JobAssignment> order = new ArrayList<>(schedule.getJobs());
        order.sort(Comparator.comparingLong(JobAssignment::waitingPenalty).reversed()
                .thenComparingInt(a -> a.job().queuePosition()));
        Map<JobAssignment, GpuGroup> chosen = new LinkedHashMap<>();
        for (JobAssignment a : order) {
            TenantQuota quota = quotas.get(a.tenant());
            int placed = placedByTenant.getOrDefault(a.tenant(), 0);
            if (quota != null && quota.excessGpus(placed + a.gpus()) > quota.excessGpus(placed)) {
                continue;
            }
            GpuGroup best = null;
            long bestCost = w.waiting() * a.waitingPenalty();
            String type = null;
            long typeCost = 0;
            for (GpuGroup g : a.getCandidates()) {
                if (g.isQueue() || !fits(g, remaining)) {
                    continue;
                }
                if (!g.gpuType().equals(type)) {
                    // candidates come type by type: the type's price and power terms once per run of them
                    type = g.gpuType();
                    typeCost = typeCost(a, g, w);
                }
                long cost = placementCost(a, g, remaining, w) + typeCost;
                if (cost < bestCost) {
                    best = g;
                    bestCost = cost;
                    if (cost == 0) {
                        break;
                    }
                }
            }
            if (best != null) {
                for (NodeShare s : best.shares()) {
                    remaining[s.node().index()] -= s.gpus();
                }
                placedByTenant.merge(a.tenant(), a.gpus(), Integer::sum);
                chosen.put(a, best);
            }
        }
        return chosen;
    }

    /** @param remaining free GPUs left per node index (the round has one node object per index) */
    static boolean fits(GpuGroup g, int[] remaining) {
        for (NodeShare s : g.shares()) {
            if (left(remaining, s.node()) < s.gpus()) {
                return false;
            }
        }
        return true;
    }

    private static int left(int[] remaining, GpuNode n) {
        return n.index() < remaining.length ? remaining[n.index()] : 0;
    }

    /** The soft score this placement would cost, counting GPUs it strands as if nothing else came. */
    static long softCost(JobAssignment a, GpuGroup g, int[] remaining, ScheduleWeights w) {
        return placementCost(a, g, remaining, w) + typeCost(a, g, w);
    }

    /** The locality and stranded-GPU terms of {@link #softCost}. */
    private static long placementCost(JobAssignment a, GpuGroup g, int[] remaining, ScheduleWeights w) {
        long stranded = 0;
        for (NodeShare s : g.shares()) {
            stranded += left(remaining, s.node()) - s.gpus();
        }
        return w.locality() * a.localityPenalty(g) + w.fragmentation() * stranded;
    }

    /** The price and power terms of {@link #softCost}: they depend on the group's GPU type alone. */
    private static long typeCost(JobAssignment a, GpuGroup g, ScheduleWeights w) {
        return w.cost() * a.costPenalty(g) + w.energy() * a.energyPenalty(g);
    }
}
