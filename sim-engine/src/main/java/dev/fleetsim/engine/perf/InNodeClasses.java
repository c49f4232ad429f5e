package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CollectiveKind;
import dev.fleetsim.engine.network.collective.CollectivePhase;
import dev.fleetsim.engine.network.collective.CollectivePlan;
import dev.fleetsim.engine.network.collective.CollectivePlanner;
import dev.fleetsim.engine.network.collective.CostedPlan;
import dev.fleetsim.engine.network.collective.FlowCollectiveModel;
import dev.fleetsim.engine.network.collective.IdleNetworkCoster;
import dev.fleetsim.engine.network.graph.LinkKind;
import dev.fleetsim.engine.network.graph.NetworkGraph;
import dev.fleetsim.engine.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One collective of a job solved on the idle network as {@link FlowCollectiveModel#costed} solves it on
 * all its groups, bit for bit, with every group that sits alone on a node planned and solved once per
 * class instead of once per group: what the flow model's estimate and the coupling's costing of a new
 * placement pay, where a job's TP groups (thousands at 16k GPUs) each fill a node of one kind.
 *
 * <p>Why it is exact. A group whose ranks all sit on one node that holds no rank of another group of the
 * collective routes its flows over that node's own links only (GPU to switch, to its NICs, a NIC's links
 * to its leaf), which no other flow of the collective touches: its flows form components of the merged
 * phase of their own. Progressive filling ({@code IsolatedMaxMin}) pops its heap in (share, link or flow
 * id) order and each pop changes only the links and flows of its own component, so a component's rates
 * are those of solving it alone: the same values in the same tie order. Two such groups on nodes of one
 * kind ({@link PlacementShape#nodeKind}) with the same GPU indices on their nodes in rank order are the
 * same plan on links relabelled in the same order ({@link PlacementShape}'s argument), so the same rates.
 * A merged phase's transfer time is the largest of its flows' (a maximum, exact in any grouping), its
 * steps and alpha the largest of its parts'; the phase times then add up in the solver's order. The
 * rest of the groups (spanning nodes, sharing a node, or with a flow on a link beyond NVLink and PCIe:
 * a NIC's, which routing could take between GPUs without a path inside the node) are planned and solved
 * together as before.
 * {@code InNodeClassesTest} compares it with the full solve on random placements. Not thread-safe.
 */
final class InNodeClasses {

    /**
     * One collective solved: the kept costing's part, and the plan of the groups that span nodes with
     * their rates (what {@link FlowStepModel#costingAcrossNodes} gives the coupling).
     */
    record Result(IdleCostingCache.Solved solved, CostedPlan acrossNodes) {
    }

    /** A class of groups alone on a node: the node's kind and the ranks' GPU indices on it. */
    private record Shape(int[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && Arrays.equals(codes, s.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }
    }

    private final FlowCollectiveModel collectives;
    private final NetworkGraph graph;
    /**
     * Solves the classes' small phases apart from the model's coster, so they do not push the large phases it
     * keeps for the collectives that repeat them (a pure function of the phase: the same rates either way).
     */
    private final IdleNetworkCoster classCoster;
    private final Topology topology;
    private final PlacementShape shapes;
    /** Per node, the call that last saw it and the group that owns it then (-1: several groups). */
    private final int[] nodeSeen;
    private final int[] nodeOwner;
    private int call;
    private long classed;

    InNodeClasses(FlowCollectiveModel collectives, PlacementShape shapes) {
        this.collectives = collectives;
        this.graph = collectives.planner().graph();
        this.topology = graph.topology();
        this.classCoster = new IdleNetworkCoster(graph);
        this.shapes = shapes;
        this.nodeSeen = new int[topology.nodeCount()];
        this.nodeOwner = new int[topology.nodeCount()];
    }

    /** The collective {@code kind} of {@code bytes} on every group at once, costed together. */
    Result solve(CollectiveKind kind, List<int[]> groups, long bytes) {
        if (kind == CollectiveKind.SEND_RECV) {
            return sends(groups, bytes);
        }
        int n = groups.size();
        boolean[] planned = new boolean[n];
        markNodes(kind, groups, planned);
        // Per group: its class (>= 0), or -1 planned with the rest, or -2 not planned (no flows).
        int[] classOf = new int[n];
        boolean[] spans = new boolean[n];
        Map<Shape, Integer> classes = new HashMap<>();
        List<CostedPlan> reps = new ArrayList<>();
        List<CollectivePlan> rest = new ArrayList<>(n);
        List<CollectivePlan> spanning = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            int[] group = groups.get(g);
            classOf[g] = planned[g] ? -1 : -2;
            CollectivePlan own = null;
            if (planned[g]) {
                int node = topology.nodeOf(group[0]);
                spans[g] = !collectives.onOneNode(group);
                Integer c = -1;
                if (!spans[g] && nodeOwner[node] == g) {
                    Shape shape = shapeOf(node, group);
                    c = classes.get(shape);
                    if (c == null) {
                        CollectivePlan plan = collectives.plan(kind, group, bytes, 0);
                        // Only flows on the node's own links (NVLink, PCIe) make a component of their own.
                        c = insideNode(plan) ? reps.size() : -1;
                        classes.put(shape, c);
                        if (c >= 0) {
                            reps.add(classCoster.solve(plan));
                        } else {
                            own = plan;
                        }
                    } else if (c < 0) {
                        own = collectives.plan(kind, group, bytes, 0);
                    } else {
                        classed++;
                    }
                } else {
                    own = collectives.plan(kind, group, bytes, 0);
                }
                classOf[g] = c;
            }
            rest.add(own);
            spanning.add(spans[g] ? own : null);
        }
        CostedPlan together = collectives.solve(FlowCollectiveModel.merged(kind, groups, bytes, rest));
        return combine(kind, groups, bytes, classOf, spans, reps, rest, spanning, together);
    }

    /** Groups costed by their class's solve instead of a plan of their own, since this was made. */
    long classed() {
        return classed;
    }

    /**
     * Sends (a job's pipeline hand-offs, tens of thousands at 16k GPUs) planned as one plan without a plan per
     * pair ({@code CollectivePlanner.concurrentSends}) and solved together: one flow each, nothing to class.
     */
    private Result sends(List<int[]> pairs, long bytes) {
        CollectivePlanner planner = collectives.planner();
        CollectivePlan all = planner.concurrentSends(pairs, bytes, false);
        CostedPlan together = collectives.solve(all != null ? all : none(pairs, bytes));
        List<double[]> acrossRates = together.rates();
        CollectivePlan acrossPlan = together.plan();
        if (!acrossRates.isEmpty()) {
            double[] r = acrossRates.get(0);
            double[] across = new double[r.length];
            int at = 0;
            int f = 0;
            for (int[] pair : pairs) {
                if (pair[0] != pair[1]) {
                    if (graph.nodeOfGpu(pair[0]) != graph.nodeOfGpu(pair[1])) {
                        across[at++] = r[f];
                    }
                    f++;
                }
            }
            if (at < r.length) {
                CollectivePlan spanning = planner.concurrentSends(pairs, bytes, true);
                acrossPlan = spanning != null ? spanning : none(pairs, bytes);
                acrossRates = at == 0 ? List.of() : List.of(Arrays.copyOf(across, at));
            }
        }
        double[] transfer = together.transferSeconds();
        CostedPlan acrossNodes = new CostedPlan(acrossPlan, acrossRates, Arrays.copyOf(transfer, acrossRates.size()), together.seconds());
        return new Result(new IdleCostingCache.Solved(together.rates(), transfer, together.seconds(), List.copyOf(acrossRates)),
                acrossNodes);
    }

    private static CollectivePlan none(List<int[]> groups, long bytes) {
        return FlowCollectiveModel.merged(CollectiveKind.SEND_RECV, groups, bytes, List.of());
    }

    /** Which groups have flows, and per node the one group with ranks there (-1 for several). */
    private void markNodes(CollectiveKind kind, List<int[]> groups, boolean[] planned) {
        if (++call == Integer.MAX_VALUE) {
            Arrays.fill(nodeSeen, 0);
            call = 1;
        }
        for (int g = 0; g < planned.length; g++) {
            int[] group = groups.get(g);
            planned[g] = group.length >= 2 && !(kind == CollectiveKind.SEND_RECV && group[0] == group[1]);
            if (!planned[g]) {
                continue;
            }
            for (int gpu : group) {
                int node = topology.nodeOf(gpu);
                if (nodeSeen[node] != call) {
                    nodeSeen[node] = call;
                    nodeOwner[node] = g;
                } else if (nodeOwner[node] != g) {
                    nodeOwner[node] = -1;
                }
            }
        }
    }

    private boolean insideNode(CollectivePlan plan) {
        for (CollectivePhase phase : plan.phases()) {
            for (int[] path : phase.paths()) {
                for (int l : path) {
                    LinkKind k = graph.linkKind(l);
                    if (k != LinkKind.NVLINK && k != LinkKind.PCIE) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private Shape shapeOf(int node, int[] group) {
        int[] codes = new int[group.length + 1];
        codes[0] = shapes.nodeKind(node);
        int first = topology.node(node).firstGpu();
        for (int i = 0; i < group.length; i++) {
            codes[i + 1] = group[i] - first;
        }
        return new Shape(codes);
    }

    /** The merged plan's rates, phase times and time, assembled from the classes' solves and the rest's. */
    private static Result combine(CollectiveKind kind, List<int[]> groups, long bytes, int[] classOf, boolean[] spans,
                                  List<CostedPlan> reps, List<CollectivePlan> rest, List<CollectivePlan> spanning,
                                  CostedPlan together) {
        int phases = together.rates().size();
        int spanPhases = 0;
        for (int g = 0; g < classOf.length; g++) {
            if (classOf[g] >= 0) {
                phases = Math.max(phases, reps.get(classOf[g]).rates().size());
            } else if (spans[g]) {
                spanPhases = Math.max(spanPhases, rest.get(g).phases().size());
            }
        }
        List<double[]> rates = new ArrayList<>(phases);
        List<double[]> acrossRates = new ArrayList<>(spanPhases);
        double[] transfer = new double[phases];
        double seconds = 0;
        for (int p = 0; p < phases; p++) {
            int steps = 0;
            long alpha = 0;
            double t = p < together.rates().size() ? together.transferSeconds()[p] : 0;
            if (p < together.rates().size()) {
                CollectivePhase ph = together.plan().phases().get(p);
                steps = ph.steps();
                alpha = ph.alphaPerStepNs();
            }
            for (CostedPlan rep : reps) {
                if (p < rep.rates().size()) {
                    CollectivePhase ph = rep.plan().phases().get(p);
                    steps = Math.max(steps, ph.steps());
                    alpha = Math.max(alpha, ph.alphaPerStepNs());
                    t = Math.max(t, rep.transferSeconds()[p]);
                }
            }
            rates.add(phaseRates(p, classOf, reps, rest, together));
            if (p < spanPhases) {
                acrossRates.add(spanningRates(spans, rest, p, together.rates().get(p)));
            }
            transfer[p] = t;
            // As the solver adds up a merged phase (CollectivePhase.alphaSeconds): its largest steps and its largest alpha.
            seconds += t + steps * (alpha * 1e-9);
        }
        CollectivePlan acrossPlan = FlowCollectiveModel.merged(kind, groups, bytes, spanning);
        CostedPlan across = new CostedPlan(acrossPlan, acrossRates, Arrays.copyOf(transfer, acrossRates.size()), seconds);
        return new Result(new IdleCostingCache.Solved(rates, transfer, seconds, List.copyOf(acrossRates)), across);
    }

    /** Phase {@code p}'s rates in group order: a class member's are its class's, the rest's the joint solve's. */
    private static double[] phaseRates(int p, int[] classOf, List<CostedPlan> reps, List<CollectivePlan> rest, CostedPlan together) {
        int n = 0;
        for (int g = 0; g < classOf.length; g++) {
            n += flowsIn(p, g, classOf, reps, rest);
        }
        double[] out = new double[n];
        double[] joint = p < together.rates().size() ? together.rates().get(p) : new double[0];
        int at = 0;
        int from = 0;
        for (int g = 0; g < classOf.length; g++) {
            int k = flowsIn(p, g, classOf, reps, rest);
            if (classOf[g] >= 0) {
                System.arraycopy(reps.get(classOf[g]).rates().get(p), 0, out, at, k);
            } else {
                System.arraycopy(joint, from, out, at, k);
                from += k;
            }
            at += k;
        }
        return out;
    }

    /**
     * Of phase {@code p}'s rates {@code joint} of the plans {@code plans} merged (in group order, null for a group
     * left out), those of the groups marked in {@code spans}, in group order.
     */
    static double[] spanningRates(boolean[] spans, List<CollectivePlan> plans, int p, double[] joint) {
        double[] out = new double[joint.length];
        int at = 0;
        int from = 0;
        for (int g = 0; g < spans.length; g++) {
            CollectivePlan own = plans.get(g);
            if (own == null || p >= own.phases().size()) {
                continue;
            }
            int k = own.phases().get(p).flowCount();
            if (spans[g]) {
                System.arraycopy(joint, from, out, at, k);
                at += k;
            }
            from += k;
        }
        return Arrays.copyOf(out, at);
    }

    private static int flowsIn(int p, int g, int[] classOf, List<CostedPlan> reps, List<CollectivePlan> rest) {
        if (classOf[g] >= 0) {
            List<double[]> r = reps.get(classOf[g]).rates();
            return p < r.size() ? r.get(p).length : 0;
        }
        CollectivePlan own = rest.get(g);
        return own == null || p >= own.phases().size() ? 0 : own.phases().get(p).flowCount();
    }
}
