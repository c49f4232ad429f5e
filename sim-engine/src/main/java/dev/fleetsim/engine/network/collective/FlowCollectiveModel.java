package dev.fleetsim.engine.network.collective;

import dev.fleetsim.engine.network.CollectiveModel;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.network.graph.Routing;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link CollectiveModel} backed by the flow decomposition, costed on an idle network: one
 * group alone, or a job's concurrent groups together ({@link #costed}). Algorithm choice follows NCCL for large messages: all-reduce uses NVLS when
 * every rank sits on one NVLS-capable NVSwitch node and rings otherwise; the tree and
 * hierarchical decompositions stay available through {@link #planner()} but are not picked
 * automatically, because without the reduction and chain overheads of real trees their modelled
 * bandwidth beats rings on two nodes (~257 against ~184 GB/s busbw on DGX-A100), which NCCL
 * measurements do not show. Not thread-safe.
 */
public final class FlowCollectiveModel implements CollectiveModel {

    private final CollectivePlanner planner;
    private final IdleNetworkCoster coster;

    public FlowCollectiveModel(NetworkGraph graph, CollectiveTuning tuning) {
        this.planner = new CollectivePlanner(new Routing(graph), tuning);
        this.coster = new IdleNetworkCoster(graph);
    }

    public CollectivePlanner planner() {
        return planner;
    }

    /** Costs any plan from {@link #planner()} alone on the idle network. */
    public CollectiveCost cost(CollectivePlan plan) {
        return coster.cost(plan);
    }

    /** The plan {@link #allReduceSeconds} costs. */
    public CollectivePlan allReducePlan(int[] group, long bytes) {
        return planner.nvlsApplicable(group) ? planner.nvlsAllReduce(group, bytes, 0)
                : planner.ringAllReduce(group, bytes, 0);
    }

    /**
     * The plan this model uses for a collective: all-reduce as {@link #allReducePlan}, rings for
     * all-gather and reduce-scatter, one flow for {@code SEND_RECV} ({@code group} = {source,
     * destination}); flow i hashes {@code flowKeyBase + i} with its endpoints for ECMP.
     */
    public CollectivePlan plan(CollectiveKind kind, int[] group, long bytes, long flowKeyBase) {
        if (kind == CollectiveKind.ALL_REDUCE) {
            return planner.nvlsApplicable(group) ? planner.nvlsAllReduce(group, bytes, flowKeyBase)
                    : planner.ringAllReduce(group, bytes, flowKeyBase);
        }
        if (kind == CollectiveKind.ALL_GATHER) {
            return planner.ringAllGather(group, bytes, flowKeyBase);
        }
        if (kind == CollectiveKind.REDUCE_SCATTER) {
            return planner.ringReduceScatter(group, bytes, flowKeyBase);
        }
        if (kind == CollectiveKind.SEND_RECV) {
            return planner.sendRecv(group[0], group[1], bytes, flowKeyBase);
        }
        return planner.allToAll(group, bytes, flowKeyBase);
    }

    /**
     * One occurrence of the collective on every group at once, costed together: the groups'
     * plans merged into one ({@link CollectivePlan#concurrent}), so groups that share a NIC, an
     * up-link or a spine share it by max-min while they run. Groups of one GPU (and sends to
     * oneself) cost nothing and are left out; with none left the plan has no phases.
     */
    public CostedPlan costed(CollectiveKind kind, List<int[]> groups, long bytes) {
        return solve(concurrentPlan(kind, groups, bytes));
    }

    /**
     * The plan {@link #costed} solves: every group's plan merged into one, groups of one GPU (and
     * sends to oneself) left out; with none left a plan without phases. Planning is routing only,
     * so a caller that already knows the rates (an idle costing of the same shape) skips the solve.
     */
    public CollectivePlan concurrentPlan(CollectiveKind kind, List<int[]> groups, long bytes) {
        return merged(kind, groups, bytes, groupPlans(kind, groups, bytes, false));
    }

    /**
     * Each group's plan as {@link #concurrentPlan} merges them, in group order, null for a group it leaves
     * out; with {@code acrossNodesOnly} also null for every group whose ranks all sit on one node (its flows
     * never leave the node: what a caller registering shared traffic does not need routed).
     */
    public List<CollectivePlan> groupPlans(CollectiveKind kind, List<int[]> groups, long bytes, boolean acrossNodesOnly) {
        List<CollectivePlan> plans = new ArrayList<>(groups.size());
        for (int[] group : groups) {
            boolean planned = group.length >= 2 && !(kind == CollectiveKind.SEND_RECV && group[0] == group[1])
                    && !(acrossNodesOnly && onOneNode(group));
            plans.add(planned ? plan(kind, group, bytes, 0) : null);
        }
        return plans;
    }

    /** The group plans of {@link #groupPlans} merged into one ({@link CollectivePlan#concurrent}); none: a plan without phases. */
    public static CollectivePlan merged(CollectiveKind kind, List<int[]> groups, long bytes, List<CollectivePlan> groupPlans) {
        List<CollectivePlan> plans = new ArrayList<>(groupPlans.size());
        for (CollectivePlan p : groupPlans) {
            if (p != null) {
                plans.add(p);
            }
        }
        if (plans.isEmpty()) {
            return new CollectivePlan("none", kind, bytes, groups.get(0).length, List.of());
        }
        return CollectivePlan.concurrent(plans);
    }

    /**
     * True when two kinds of collective get the same plan on the same groups and bytes: the same kind, or
     * a ring reduce-scatter and a ring all-gather, which move the same flows in the same steps.
     */
    public static boolean samePlans(CollectiveKind a, CollectiveKind b) {
        return a == b || (ringOfShards(a) && ringOfShards(b));
    }

    private static boolean ringOfShards(CollectiveKind k) {
        return k == CollectiveKind.REDUCE_SCATTER || k == CollectiveKind.ALL_GATHER;
    }

    /** {@code plan} as the plan of {@code kind} ({@link #samePlans}): the same phases, named by the other kind. */
    public static CollectivePlan asKind(CollectivePlan plan, CollectiveKind kind) {
        return plan.kind() == kind ? plan : new CollectivePlan(plan.algorithm(), kind, plan.bytes(), plan.ranks(), plan.phases());
    }

    /** True when every rank of the group sits on one node. */
    public boolean onOneNode(int[] group) {
        NetworkGraph graph = planner.graph();
        int node = graph.nodeOfGpu(group[0]);
        for (int gpu : group) {
            if (graph.nodeOfGpu(gpu) != node) {
                return false;
            }
        }
        return true;
    }

    /** Costs a merged plan alone on the idle network (a plan without phases costs nothing). */
    public CostedPlan solve(CollectivePlan plan) {
        return plan.phases().isEmpty() ? new CostedPlan(plan, List.of(), new double[0], 0.0) : coster.solve(plan);
    }

    @Override
    public double seconds(CollectiveKind kind, List<int[]> groups, long bytes) {
        return costed(kind, groups, bytes).seconds();
    }

    @Override
    public double allReduceSeconds(int[] group, long bytes) {
        return group.length < 2 ? 0.0 : coster.cost(allReducePlan(group, bytes)).seconds();
    }

    @Override
    public double allGatherSeconds(int[] group, long bytes) {
        return group.length < 2 ? 0.0 : coster.cost(planner.ringAllGather(group, bytes, 0)).seconds();
    }

    @Override
    public double reduceScatterSeconds(int[] group, long bytes) {
        return group.length < 2 ? 0.0 : coster.cost(planner.ringReduceScatter(group, bytes, 0)).seconds();
    }

    @Override
    public double allToAllSeconds(int[] group, long bytes) {
        return group.length < 2 ? 0.0 : coster.cost(planner.allToAll(group, bytes, 0)).seconds();
    }

    @Override
    public double sendRecvSeconds(int srcGpu, int dstGpu, long bytes) {
        return srcGpu == dstGpu ? 0.0 : coster.cost(planner.sendRecv(srcGpu, dstGpu, bytes, 0)).seconds();
    }
}
