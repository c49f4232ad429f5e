package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.CollectiveTuning;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.graph.FabricLayout;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.ShapeIds;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training step-time model with every collective costed by the flow-level network model on
 * the job's placement, alone on an idle network: the iteration time a job has before it shares
 * links with anyone. Each collective of {@link IterationTraffic} is planned on all its
 * concurrent groups at once and costed with their flows sharing links by max-min, so a job's
 * {@code tp × pp} DP groups that all-reduce together over the same up-link are costed as they
 * run. {@link #costing} keeps the plans and each flow's rate, which the run's network coupling
 * registers; the last costing is kept, so the run loop's estimate and the coupling's
 * registration of the same job on the same GPUs share one solve, and the solved rates are kept per
 * (job shape, placement shape) ({@link PlacementShape}, {@link IdleCostingCache}): a job whose shape
 * and placement shape an earlier one had gets its estimate from the cache and its plans by routing
 * alone, bit for bit what a fresh solve gives ({@link #costingAcrossNodes}: only the groups whose
 * flows leave a node, which is all the coupling registers). Bound to one topology; not thread-safe.
 */
public final class FlowStepModel implements StepTimeModel {

    /**
     * One job on one placement costed on the idle network.
     *
     * @param compute the compute side
     * @param traffic the collectives
     * @param plans per collective, its plan on all its groups with every flow's idle rate
     * @param occurrenceS per collective, one occurrence's time
     * @param estimate the idle-network estimate
     */
    public record Costing(IterationCompute compute, IterationTraffic traffic, List<CostedPlan> plans,
                          double[] occurrenceS, StepEstimate estimate) {
        public Costing {
            plans = List.copyOf(plans);
        }

        /** The estimate with each collective's occurrence taking {@code extraS[i]} longer. */
        public StepEstimate stretched(double[] extraS) {
            double[] occ = occurrenceS.clone();
            for (int i = 0; i < occ.length; i++) {
                occ[i] += extraS[i];
            }
            return IterationTime.estimate(compute, traffic, occ);
        }
    }

    private final Topology topology;
    private final NetworkGraph graph;
    private final FlowCollectiveModel collectives;
    /** Costings a cache keeps by default: entries, and flow rates over all of them (8 bytes each). */
    static final int CACHE_ENTRIES = 4096;
    static final long CACHE_RATES = 1 << 20;

    private final TrainingPerfModel perf = new TrainingPerfModel();
    private final PlacementShape shapes;
    /** The cache's job shapes by id: a job is found by its parts' identities rather than by hashing its shape. */
    private final ShapeIds shapeIds = new ShapeIds();
    private final IdleCostingCache cache;
    private final InNodeClasses inNode;
    private TrainingJobSpec lastJob;
    private int[] lastGpus;
    private Costing last;
    /** Whether {@link #last} has every group's flows ({@link #costing}) or only those that leave a node. */
    private boolean lastFull;
    /** Of the last costing solved, per collective the rates {@link #costingAcrossNodes} plans ({@link #acrossNodesRates}). */
    private List<List<double[]>> lastAcrossNodes;

    /** The graph of {@code topology} under the fabric its {@code FabricSpec} describes, default tuning. */
    public FlowStepModel(Topology topology) {
        this(NetworkGraph.build(topology, FabricLayout.of(topology)), CollectiveTuning.defaults());
    }

    public FlowStepModel(NetworkGraph graph, CollectiveTuning tuning) {
        this(graph, tuning, CACHE_ENTRIES);
    }

    /** As {@link #FlowStepModel(NetworkGraph, CollectiveTuning)} with at most {@code cacheEntries} kept costings (0: none). */
    public FlowStepModel(NetworkGraph graph, CollectiveTuning tuning, int cacheEntries) {
        this.topology = graph.topology();
        this.graph = graph;
        this.collectives = new FlowCollectiveModel(graph, tuning);
        this.shapes = new PlacementShape(graph);
        this.cache = new IdleCostingCache(cacheEntries, CACHE_RATES);
        this.inNode = new InNodeClasses(collectives, shapes);
    }

    @Override
    public StepEstimate estimate(TrainingJobSpec job, Topology on, int[] gpus) {
        if (on != topology) {
            throw new IllegalArgumentException("this flow model is bound to another topology");
        }
        if (job == lastJob && Arrays.equals(gpus, lastGpus)) {
            return last.estimate();
        }
        PlacementShape.Key key = shapes.of(shapeIds.of(job), gpus);
        IdleCostingCache.Entry e = cache.get(key);
        if (e != null) {
            return e.estimate();
        }
        // An exact key holds its GPU array, and a kept one an array nobody changes.
        int[] own = gpus.clone();
        return solvedAcrossNodes(job, own, key.exact ? shapes.of(key.job, own) : key).estimate();
    }

    /** The idle-network costing of {@code job} on {@code gpus} (the last one is kept: same job object, same GPUs). */
    public Costing costing(TrainingJobSpec job, int[] gpus) {
        if (lastFull && job == lastJob && Arrays.equals(gpus, lastGpus)) {
            return last;
        }
        int[] own = gpus.clone();
        PlacementShape.Key key = shapes.of(shapeIds.of(job), own);
        IdleCostingCache.Entry e = cache.get(key);
        Costing costing;
        if (e != null) {
            costing = replanned(job, own, e, false);
        } else {
            costing = solved(job, own);
            cache.put(key, IdleCostingCache.Entry.of(costing, lastAcrossNodes));
        }
        keep(job, own, costing, true);
        return costing;
    }

    private void keep(TrainingJobSpec job, int[] gpus, Costing costing, boolean full) {
        lastJob = job;
        lastGpus = gpus;
        last = costing;
        lastFull = full;
    }

    /**
     * The idle-network costing of {@code job} on {@code gpus} for registering its shared traffic: as
     * {@link #costing}, except that a collective's plan may leave out the groups whose ranks all sit on
     * one node (flows that never leave a node, which nobody else can share), so a kept costing is
     * re-planned only where its flows leave a node. Phase times, estimate and the rates of the flows
     * planned are those of the whole costing, bit for bit.
     */
    public Costing costingAcrossNodes(TrainingJobSpec job, int[] gpus) {
        if (job == lastJob && Arrays.equals(gpus, lastGpus)) {
            return last;
        }
        int[] own = gpus.clone();
        PlacementShape.Key key = shapes.of(shapeIds.of(job), own);
        IdleCostingCache.Entry e = cache.get(key);
        return e != null ? replanned(job, own, e, true) : solvedAcrossNodes(job, own, key);
    }

    /**
     * A new placement shape solved with the groups alone on a node costed once per class ({@link InNodeClasses}):
     * kept (whole: every group's rates) and returned as {@link #costingAcrossNodes} gives it, bit for bit what
     * {@link #solved} and a re-planning give.
     */
    private Costing solvedAcrossNodes(TrainingJobSpec job, int[] gpus, PlacementShape.Key key) {
        IterationCompute compute = perf.compute(job, topology, gpus);
        IterationTraffic traffic = IterationTraffic.of(job, topology, gpus);
        List<CostedPlan> plans = new ArrayList<>(traffic.size());
        List<IdleCostingCache.Solved> solved = new ArrayList<>(traffic.size());
        double[] occurrenceS = new double[traffic.size()];
        for (int i = 0; i < occurrenceS.length; i++) {
            IterationTraffic.Collective c = traffic.get(i);
            int same = samePlanAs(traffic, i);
            if (same >= 0) {
                plans.add(asKind(plans.get(same), c.kind()));
                solved.add(solved.get(same));
            } else {
                InNodeClasses.Result r = inNode.solve(c.kind(), c.groups(), c.bytes());
                plans.add(r.acrossNodes());
                solved.add(r.solved());
            }
            occurrenceS[i] = solved.get(i).seconds();
        }
        StepEstimate estimate = IterationTime.estimate(compute, traffic, occurrenceS);
        cache.put(key, IdleCostingCache.Entry.of(compute, occurrenceS, estimate, solved));
        Costing costing = new Costing(compute, traffic, plans, occurrenceS, estimate);
        keep(job, gpus, costing, false);
        return costing;
    }

    /** Every collective planned on {@code gpus} and solved on the idle network. */
    private Costing solved(TrainingJobSpec job, int[] gpus) {
        IterationCompute compute = perf.compute(job, topology, gpus);
        IterationTraffic traffic = IterationTraffic.of(job, topology, gpus);
        List<CostedPlan> plans = new ArrayList<>(traffic.size());
        List<List<double[]>> acrossNodes = new ArrayList<>(traffic.size());
        double[] occurrenceS = new double[traffic.size()];
        for (int i = 0; i < occurrenceS.length; i++) {
            IterationTraffic.Collective c = traffic.get(i);
            int same = samePlanAs(traffic, i);
            CostedPlan plan;
            if (same >= 0) {
                // The same flows as an earlier collective's (a layer's TP all-gathers and reduce-scatters on
                // one set of groups): its plan and rates, which a solve of these inputs gives bit for bit.
                plan = asKind(plans.get(same), c.kind());
                acrossNodes.add(acrossNodes.get(same));
            } else {
                List<CollectivePlan> groupPlans = collectives.groupPlans(c.kind(), c.groups(), c.bytes(), false);
                plan = collectives.solve(FlowCollectiveModel.merged(c.kind(), c.groups(), c.bytes(), groupPlans));
                acrossNodes.add(acrossNodesRates(c.groups(), groupPlans, plan));
            }
            plans.add(plan);
            occurrenceS[i] = plan.seconds();
        }
        Costing costing = new Costing(compute, traffic, plans, occurrenceS, IterationTime.estimate(compute, traffic, occurrenceS));
        lastAcrossNodes = acrossNodes;
        return costing;
    }

    /** An earlier collective's solved plan as a collective of {@code kind} on the same flows. */
    private static CostedPlan asKind(CostedPlan d, CollectiveKind kind) {
        return new CostedPlan(FlowCollectiveModel.asKind(d.plan(), kind), d.rates(), d.transferSeconds(), d.seconds());
    }

    /** Per phase, the rates of the flows of the groups that span nodes, in group order (what {@link #costingAcrossNodes} plans). */
    private List<double[]> acrossNodesRates(List<int[]> groups, List<CollectivePlan> groupPlans, CostedPlan plan) {
        boolean[] across = new boolean[groups.size()];
        int phases = 0;
        for (int g = 0; g < across.length; g++) {
            CollectivePlan gp = groupPlans.get(g);
            across[g] = gp != null && !collectives.onOneNode(groups.get(g));
            phases = across[g] ? Math.max(phases, gp.phases().size()) : phases;
        }
        List<double[]> out = new ArrayList<>(phases);
        for (int p = 0; p < phases; p++) {
            out.add(InNodeClasses.spanningRates(across, groupPlans, p, plan.rates().get(p)));
        }
        return out;
    }

    /**
     * Every collective planned on {@code gpus} (routing only), with the rates of a costing of the same shape;
     * with {@code acrossNodesOnly} only the groups that span nodes ({@link #costingAcrossNodes}).
     */
    private Costing replanned(TrainingJobSpec job, int[] gpus, IdleCostingCache.Entry e, boolean acrossNodesOnly) {
        IterationTraffic traffic = IterationTraffic.of(job, topology, gpus);
        List<CostedPlan> plans = new ArrayList<>(traffic.size());
        for (int i = 0; i < traffic.size(); i++) {
            IterationTraffic.Collective c = traffic.get(i);
            int same = samePlanAs(traffic, i);
            CollectivePlan plan = same >= 0 ? FlowCollectiveModel.asKind(plans.get(same).plan(), c.kind())
                    : planned(c, acrossNodesOnly);
            IdleCostingCache.Solved s = e.solved().get(i);
            List<double[]> rates = acrossNodesOnly ? s.acrossNodesRates() : s.rates();
            if (plan.phases().size() != rates.size()) {
                throw new IllegalStateException("a placement of the same shape planned other phases (" + c.name() + ")");
            }
            for (int p = 0; p < plan.phases().size(); p++) {
                if (plan.phases().get(p).flowCount() != rates.get(p).length) {
                    throw new IllegalStateException("a placement of the same shape planned other flows (" + c.name() + ")");
                }
            }
            double[] transfer = acrossNodesOnly ? Arrays.copyOf(s.transferSeconds(), rates.size()) : s.transferSeconds();
            plans.add(new CostedPlan(plan, rates, transfer, s.seconds()));
        }
        return new Costing(e.compute(), traffic, plans, e.occurrenceS(), e.estimate());
    }

    /**
     * Collective {@code c}'s groups' plans merged (routing only); sends as one plan ({@code CollectivePlanner.concurrentSends}:
     * the same plan without one per pair and their merge, 28,672 pairs at 16k GPUs).
     */
    private CollectivePlan planned(IterationTraffic.Collective c, boolean acrossNodesOnly) {
        if (c.kind() == CollectiveKind.SEND_RECV) {
            CollectivePlan all = collectives.planner().concurrentSends(c.groups(), c.bytes(), acrossNodesOnly);
            return all != null ? all : FlowCollectiveModel.merged(c.kind(), c.groups(), c.bytes(), List.of());
        }
        return FlowCollectiveModel.merged(c.kind(), c.groups(), c.bytes(),
                collectives.groupPlans(c.kind(), c.groups(), c.bytes(), acrossNodesOnly));
    }

    /**
     * The first earlier collective of {@code traffic} that has the same plan as collective {@code i} (the same
     * groups object, the same bytes, a kind planned alike: {@link FlowCollectiveModel#samePlans}), or -1.
     */
    private static int samePlanAs(IterationTraffic traffic, int i) {
        IterationTraffic.Collective c = traffic.get(i);
        for (int j = 0; j < i; j++) {
            IterationTraffic.Collective d = traffic.get(j);
            if (d.groups() == c.groups() && d.bytes() == c.bytes() && FlowCollectiveModel.samePlans(c.kind(), d.kind())) {
                return j;
            }
        }
        return -1;
    }

    /** Estimates answered from kept costings, and those that were not, since this model was made. */
    long cacheHits() {
        return cache.hits();
    }

    long cacheMisses() {
        return cache.misses();
    }

    /** Groups of new placements costed by the class of their node instead of a plan of their own ({@link InNodeClasses}). */
    long inNodeClassed() {
        return inNode.classed();
    }

    @Override
    public MemoryBreakdown memory(TrainingJobSpec job, GpuSpec gpu) {
        return perf.memory(job, gpu);
    }

    public NetworkGraph graph() {
        return graph;
    }

    public FlowCollectiveModel collectives() {
        return collectives;
    }
}
