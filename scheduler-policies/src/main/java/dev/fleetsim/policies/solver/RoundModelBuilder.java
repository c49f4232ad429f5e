package dev.fleetsim.policies.solver;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.RunningJobView;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.workload.TenantSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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
     * class (GPU type / GPUs per node, numbered in order of first node), the spec of each GPU
     * type and its largest node; and the nodes and groups that rounds reuse. Built once per
     * topology and kept by the policy, instead of per round and node.
     */
    static final class NodeClasses {
        final Topology topology;
        final int[] classOfNode;
        final int classCount;
        final Map<String, GpuSpec> specByType = new TreeMap<>();
        final Map<String, Integer> maxNodeGpusByType = new HashMap<>();
        /** Nodes and groups reused across the run's rounds. */
        final GroupCache cache;

        NodeClasses(Topology topology) {
            this.topology = topology;
            this.cache = new GroupCache(topology);
            this.classOfNode = new int[topology.nodes().size()];
            Map<String, Integer> numbers = new HashMap<>();
            for (Topology.Node n : topology.nodes()) {
                String type = n.gpu().name();
                specByType.putIfAbsent(type, n.gpu());
                maxNodeGpusByType.merge(type, n.gpuCount(), Math::max);
                classOfNode[n.index()] = numbers.computeIfAbsent(type + "/" + n.gpuCount(), k -> numbers.size());
            }
            this.classCount = numbers.size();
        }

        /** These classes if they are of {@code t}, else new ones. */
        static NodeClasses of(NodeClasses kept, Topology t) {
            return kept != null && kept.topology == t ? kept : new NodeClasses(t);
        }
    }

    /** The candidates of every job of one shape are the same. */
    private record JobShape(int gpus, int tp, List<String> feasibleGpuTypes) {
    }

    private final Topology topology;
    private final GpuGroup queue = GpuGroup.queue();
    /** Free nodes by class (GPU type, GPUs per node), in index order. */
    private final List<GpuNode>[] nodesByClass;
    /** The classes with free nodes, in order of their first free node. */
    private final List<Integer> classOrder = new ArrayList<>();
    private final Map<String, GpuSpec> specByType;
    private final Map<String, Integer> maxNodeGpusByType;
    private final Map<JobShape, List<GpuGroup>> candidatesByJobShape = new HashMap<>();
    private final List<GpuNode> nodes;
    private final GroupCache cache;

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
        this.cache = classes.cache;
        @SuppressWarnings("unchecked")
        List<GpuNode>[] byClass = new List[classes.classCount];
        this.nodesByClass = byClass;
        this.nodes = new ArrayList<>(topology.nodes().size());
        for (Topology.Node n : topology.nodes()) {
            int free = cluster.freeGpusOnNode(n.index());
            if (free > 0) {
                GpuNode node = cache.node(n, free);
                nodes.add(node);
                int c = classes.classOfNode[n.index()];
                if (byClass[c] == null) {
                    byClass[c] = new ArrayList<>(topology.nodes().size());
                    classOrder.add(c);
                }
                byClass[c].add(node);
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
        List<List<GpuGroup>> parts = new ArrayList<>();
        int size = 1;
        for (String type : job.feasibleGpuTypes()) {
            for (int c : classOrder) {
                List<GpuNode> classNodes = nodesByClass[c];
                if (!classNodes.get(0).gpuType().equals(type)) {
                    continue;
                }
                int nodeGpus = classNodes.get(0).gpuCount();
                for (int d = Math.min(job.gpus(), nodeGpus); d >= 1; d--) {
                    if (job.gpus() % d == 0 && JobFacts.tensorGroupsInsideNodes(job.tp(), d, nodeGpus)) {
                        List<GpuGroup> part = cache.windows(c, classNodes, d, job.gpus() / d);
                        parts.add(part);
                        size += part.size();
                    }
                }
            }
        }
        GpuGroup[] all = new GpuGroup[size];
        int filled = 0;
        for (List<GpuGroup> part : parts) {
            for (GpuGroup g : part) {
                all[filled++] = g;
            }
        }
        all[filled] = queue;
        List<GpuGroup> candidates = Collections.unmodifiableList(Arrays.asList(all));
        candidatesByJobShape.put(key, candidates);
        return candidates;
    }
}
