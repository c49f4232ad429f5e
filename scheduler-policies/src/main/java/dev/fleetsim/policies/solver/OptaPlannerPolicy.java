package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.run.Placements;
import dev.fleetsim.engine.scheduling.Explanation;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.TenantSpec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each scheduling round, assigns the first {@code window} queued jobs to GPU groups (or leaves
 * them queued) by solving a constraint problem with OptaPlanner, then turns the best solution
 * into placements in rank order: node by node, so each node's consecutive GPUs hold whole
 * tensor-parallel groups. Every job of the window gets an explanation built from the score's
 * constraint matches ({@link RoundMatches}). Deterministic: same context sequence, same decisions.
 */
public final class OptaPlannerPolicy implements SchedulingPolicy {
    private final SolverPolicyParams params;
    private final List<TenantSpec> tenants;
    private final RoundSolver solver;
    /** The last written explanation key per waiting job, for the {@code changes} mode. */
    private final Map<String, String> lastExplained = new HashMap<>();
    private long round;
    /** The topology's node classes, built at the first round and kept (the topology does not change). */
    private RoundModelBuilder.NodeClasses classes;

    public OptaPlannerPolicy(SolverPolicyParams params) {
        this(params, List.of());
    }

    /** With the scenario's tenants: their quotas are the hard quota constraint of every round. */
    public OptaPlannerPolicy(SolverPolicyParams params, List<TenantSpec> tenants) {
        this.params = params;
        this.tenants = List.copyOf(tenants);
        this.solver = new RoundSolver(params);
    }

    @Override
    public SchedulingDecision schedule(SchedulingContext context) {
        long thisRound = round++;
        if (context.queue().isEmpty()) {
            return SchedulingDecision.NONE;
        }
        classes = RoundModelBuilder.NodeClasses.of(classes, context.cluster().topology());
        RoundModelBuilder builder = new RoundModelBuilder(context.cluster(), classes);
        RoundSchedule problem = builder.build(context, params, tenants);
        if (problem.getJobs().isEmpty()) {
            return SchedulingDecision.NONE;
        }
        RoundSchedule solved = solver.solve(problem, thisRound);
        List<Placement> placements = new ArrayList<>();
        Map<String, String> described = new HashMap<>();
        toPlacements(solved, context.cluster(), placements, described);
        List<Explanation> explanations = "none".equals(params.explain()) ? List.of()
                : select(RoundExplainer.explain(solved, RoundMatches.of(solved), described));
        return new SchedulingDecision(placements, List.of(), explanations);
    }

    /**
     * GPUs for every placed job, jobs in queue order, each share's GPUs the lowest free ones of
     * its node. A job whose group no longer has the GPUs (only if the best solution broke the
     * capacity constraint) is left queued, so the engine never sees an invalid placement.
     */
    static void toPlacements(RoundSchedule solved, ClusterView cluster, List<Placement> out, Map<String, String> described) {
        Topology topology = cluster.topology();
        BitSet taken = new BitSet();
        for (JobAssignment a : solved.getJobs()) {
            if (a.isWaiting()) {
                continue;
            }
            int[] gpus = new int[a.gpus()];
            int filled = 0;
            BitSet mine = new BitSet();
            for (NodeShare s : a.shares()) {
                Topology.Node node = topology.node(s.node().index());
                int want = filled + s.gpus();
                for (int g = node.firstGpu(); g < node.firstGpu() + node.gpuCount() && filled < want; g++) {
                    if (cluster.isFree(g) && !taken.get(g)) {
                        gpus[filled++] = g;
                        mine.set(g);
                    }
                }
                if (filled < want) {
                    break;
                }
            }
            if (filled == gpus.length) {
                taken.or(mine);
                out.add(new Placement(a.getId(), gpus));
                described.put(a.getId(), Placements.describe(topology, gpus));
            } else {
                a.setGroup(solvedQueue(a));
            }
        }
    }

    private static GpuGroup solvedQueue(JobAssignment a) {
        List<GpuGroup> c = a.getCandidates();
        return c.get(c.size() - 1);
    }

    private List<Explanation> select(List<Explanation> all) {
        if ("all".equals(params.explain())) {
            return all;
        }
        List<Explanation> out = new ArrayList<>();
        for (Explanation e : all) {
            String key = RoundExplainer.changeKey(e);
            if (RoundExplainer.PLACED.equals(e.outcome())) {
                lastExplained.remove(e.jobId());
                out.add(e);
            } else if (!key.equals(lastExplained.put(e.jobId(), key))) {
                out.add(e);
            }
        }
        return out;
    }
}
