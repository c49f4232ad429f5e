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
        Map<GpuNode, Integer> remaining = new HashMap<>();
        for (GpuNode n : schedule.getNodes()) {
            remaining.put(n, n.freeGpus());
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
            for (GpuGroup g : a.getCandidates()) {
                if (g.isQueue() || !fits(g, remaining)) {
                    continue;
                }
                long cost = softCost(a, g, remaining, w);
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
                    remaining.merge(s.node(), -s.gpus(), Integer::sum);
                }
                placedByTenant.merge(a.tenant(), a.gpus(), Integer::sum);
                chosen.put(a, best);
            }
        }
        return chosen;
    }

    static boolean fits(GpuGroup g, Map<GpuNode, Integer> remaining) {
        for (NodeShare s : g.shares()) {
            if (remaining.getOrDefault(s.node(), 0) < s.gpus()) {
                return false;
            }
        }
        return true;
    }

    /** The soft score this placement would cost, counting GPUs it strands as if nothing else came. */
    static long softCost(JobAssignment a, GpuGroup g, Map<GpuNode, Integer> remaining, ScheduleWeights w) {
        long stranded = 0;
        for (NodeShare s : g.shares()) {
            stranded += remaining.getOrDefault(s.node(), 0) - s.gpus();
        }
        return w.locality() * a.localityPenalty(g) + w.fragmentation() * stranded + w.cost() * a.costPenalty(g)
                + w.energy() * a.energyPenalty(g);
    }
}
