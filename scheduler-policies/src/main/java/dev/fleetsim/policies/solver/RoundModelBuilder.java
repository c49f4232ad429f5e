package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.TenantSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one round's planning problem from the engine's read-only views: a {@link GpuNode} per
 * node with free GPUs, and for each job of the window a {@link JobAssignment} whose candidate
 * groups are every layout of its gang on feasible GPU types that the free GPUs allow: for each
 * GPUs-per-node count {@code d} that divides the gang and keeps tensor-parallel groups inside a
 * node, every run of {@code gang / d} consecutive nodes (in index order, skipping nodes with
 * fewer than {@code d} free GPUs). Groups are shared by all jobs of one shape. Every job starts
 * on the queue; the greedy start and the local search move it.
 */
final class RoundModelBuilder {
    /**
     * What a round's model needs of the topology that never changes during a run: each node's
     * class key (GPU type / GPUs per node), the spec of each GPU type and its largest node. Built
     * once per topology and kept by the policy, instead of per round and node.
     */
    static final class NodeClasses {
        final Topology topology;
        final String[] classOfNode;
        final Map<String, GpuSpec> specByType = new TreeMap<>();
        final Map<String, Integer> maxNodeGpusByType = new HashMap<>();

        NodeClasses(Topology topology) {
            this.topology = topology;
            this.classOfNode = new String[topology.nodes().size()];
            Map<String, String> interned = new HashMap<>();
            for (Topology.Node n : topology.nodes()) {
                String type = n.gpu().name();
                specByType.putIfAbsent(type, n.gpu());
                maxNodeGpusByType.merge(type, n.gpuCount(), Math::max);
                String key = type + "/" + n.gpuCount();
                classOfNode[n.index()] = interned.computeIfAbsent(key, k -> k);
            }
        }

        /** These classes if they are of {@code t}, else new ones. */
        static NodeClasses of(NodeClasses kept, Topology t) {
            return kept != null && kept.topology == t ? kept : new NodeClasses(t);
        }
    }

    /** The candidates of every job of one shape are the same. */
    private record JobShape(int gpus, int tp, List<String> feasibleGpuTypes) {
    }

    /** The windows of one node class, GPUs per node and node count. */
    private record WindowShape(String nodeClass, int gpusPerNode, int nodes) {
    }

    private final Topology topology;
    private final GpuGroup queue = GpuGroup.queue();
    /** Free nodes by (GPU type, GPUs per node), in index order. */
    private final Map<String, List<GpuNode>> nodesByClass = new LinkedHashMap<>();
    private final Map<String, GpuSpec> specByType;
    private final Map<String, Integer> maxNodeGpusByType;
    private final Map<WindowShape, List<GpuGroup>> windowsByShape = new HashMap<>();
    private final Map<JobShape, List<GpuGroup>> candidatesByJobShape = new HashMap<>();
    private final List<GpuNode> nodes = new ArrayList<>();

    RoundModelBuilder(ClusterView cluster) {
        this(cluster, new NodeClasses(cluster.topology()));
    }

    /** @param classes the topology's node classes ({@link NodeClasses#of}) */
    RoundModelBuilder(ClusterView cluster, NodeClasses classes) {
        this.topology = cluster.topology();
        if (classes.topology != topology) {
            throw new IllegalArgumentException("node classes of another topology");
        }
        this.specByType = classes.specByType;
        this.maxNodeGpusByType = classes.maxNodeGpusByType;
        for (Topology.Node n : topology.nodes()) {
            int free = cluster.freeGpusOnNode(n.index());
            if (free > 0) {
                GpuNode node = new GpuNode(n.index(), n.leaf(), n.gpu().name(), n.gpuCount(), free);
                nodes.add(node);
                nodesByClass.computeIfAbsent(classes.classOfNode[n.index()], k -> new ArrayList<>()).add(node);
            }
        }
    }

    GpuGroup queue() {
        return queue;
    }

    RoundSchedule build(SchedulingContext context, SolverPolicyParams params) {
        return build(context, params, List.of());
    }

    RoundSchedule build(SchedulingContext context, SolverPolicyParams params, List<TenantSpec> tenants) {
        List<JobView> queued = context.queue();
        int size = Math.min(params.window(), queued.size());
        List<JobAssignment> jobs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JobView view = queued.get(i);
            JobFacts facts = facts(view, i, context.nowNs());
            jobs.add(new JobAssignment(facts, candidates(facts), queue));
        }
        return new RoundSchedule(List.copyOf(nodes), RoundQuotas.of(context, tenants), jobs, params.weights());
    }

    private JobFacts facts(JobView view, int position, long nowNs) {
        int gpus = view.gpus();
        int tp = view.gpusPerGroup();
        int minNodes = Integer.MAX_VALUE;
        double cheapest = Double.MAX_VALUE;
        double lowestWatts = Double.MAX_VALUE;
        for (String type : view.feasibleGpuTypes()) {
            Integer nodeGpus = maxNodeGpusByType.get(type);
            if (nodeGpus != null) {
                minNodes = Math.min(minNodes, fewestNodes(gpus, tp, nodeGpus));
            }
            GpuSpec spec = specByType.get(type);
            if (spec != null) {
                cheapest = Math.min(cheapest, spec.priceUsdPerGpuHour());
                lowestWatts = Math.min(lowestWatts, spec.tdpWatts());
            }
        }
        if (minNodes == Integer.MAX_VALUE) {
            minNodes = 1;
        }
        int nodesPerLeaf = Math.max(1, topology.fabric().nodesPerLeaf());
        Map<String, Double> priceAbove = new TreeMap<>();
        Map<String, Double> wattsAbove = new TreeMap<>();
        for (String type : view.feasibleGpuTypes()) {
            GpuSpec spec = specByType.get(type);
            if (spec != null) {
                priceAbove.put(type, spec.priceUsdPerGpuHour() - cheapest);
                wattsAbove.put(type, spec.tdpWatts() - lowestWatts);
            }
        }
        long waitedS = Math.max(0, nowNs - view.submitTimeNs()) / 1_000_000_000L;
        return new JobFacts(view.id(), position, view.tenant(), gpus, tp, view.priority(), waitedS,
                view.gpuType(), view.feasibleGpuTypes(), minNodes, (minNodes + nodesPerLeaf - 1) / nodesPerLeaf,
                priceAbove, wattsAbove);
    }

    /** The fewest nodes of {@code nodeGpus} GPUs that hold {@code gpus} in a valid layout. */
    static int fewestNodes(int gpus, int tp, int nodeGpus) {
        for (int d = Math.min(gpus, nodeGpus); d >= 1; d--) {
            if (gpus % d == 0 && JobFacts.tensorGroupsInsideNodes(tp, d, nodeGpus)) {
                return gpus / d;
            }
        }
        return (gpus + nodeGpus - 1) / nodeGpus;
    }

    private List<GpuGroup> candidates(JobFacts job) {
        JobShape key = new JobShape(job.gpus(), job.tp(), job.feasibleGpuTypes());
        List<GpuGroup> cached = candidatesByJobShape.get(key);
        if (cached != null) {
            return cached;
        }
        List<GpuGroup> out = new ArrayList<>();
        for (String type : job.feasibleGpuTypes()) {
            for (Map.Entry<String, List<GpuNode>> e : nodesByClass.entrySet()) {
                List<GpuNode> classNodes = e.getValue();
                if (!classNodes.get(0).gpuType().equals(type)) {
                    continue;
                }
                int nodeGpus = classNodes.get(0).gpuCount();
                for (int d = Math.min(job.gpus(), nodeGpus); d >= 1; d--) {
                    if (job.gpus() % d == 0 && JobFacts.tensorGroupsInsideNodes(job.tp(), d, nodeGpus)) {
                        out.addAll(windows(e.getKey(), classNodes, d, job.gpus() / d));
                    }
                }
            }
        }
        out.add(queue);
        List<GpuGroup> candidates = List.copyOf(out);
        candidatesByJobShape.put(key, candidates);
        return candidates;
    }

    /** Runs of {@code k} consecutive nodes of one class that each have at least {@code d} free GPUs. */
    private List<GpuGroup> windows(String nodeClass, List<GpuNode> classNodes, int d, int k) {
        return windowsByShape.computeIfAbsent(new WindowShape(nodeClass, d, k), s -> {
            List<GpuNode> eligible = new ArrayList<>();
            for (GpuNode n : classNodes) {
                if (n.freeGpus() >= d) {
                    eligible.add(n);
                }
            }
            List<GpuGroup> groups = new ArrayList<>();
            for (int i = 0; i + k <= eligible.size(); i++) {
                groups.add(GpuGroup.of(eligible.subList(i, i + k), d));
            }
            return groups;
        });
    }
}
