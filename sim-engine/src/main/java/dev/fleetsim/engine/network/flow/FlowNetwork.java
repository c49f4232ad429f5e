package dev.fleetsim.engine.network.flow;

import dev.fleetsim.engine.network.graph.NetworkGraph;

import java.util.Arrays;

/**
 * Flows on directed links of fixed capacity, sharing them by max-min fairness (progressive
 * filling, weight 1, optional per-flow demand cap), kept up to date incrementally as flows come
 * and go. An update re-solves only a subset of the flows: first the flows crossing a link the
 * change touched; the rest are held at their rates. The result is then checked against the
 * max-min optimality condition (every flow at its cap or on a saturated link where no flow is
 * faster); flows the change would have moved but were held fixed are added and the subset is
 * re-solved, until the condition holds everywhere. The answer is therefore the exact max-min
 * allocation, reached by touching only the part of the network the change propagates to; the
 * worst case (a change that moves every flow) costs a few full solves. See docs/NETWORK.md.
 * Single-threaded; deterministic for a given sequence of calls. Flow ids are slot numbers,
 * reused (lowest first) after removal.
 */
public final class FlowNetwork {

    /** Demand cap meaning "as fast as the links allow". */
    public static final double UNCAPPED = Double.POSITIVE_INFINITY;

    /** Relative tolerance of the saturation and bottleneck checks, and of "rate changed". */
    static final double EPS = 1e-9;

    private final double[] capacity;
    private final double[] load;
    private final FlowTable table;
    private final MaxMinSolver solver;
    private final AppendedFlows appended;
    private final IntList subset = new IntList();
    private final IntList seeds = new IntList();
    private final IntList violators = new IntList();
    private final IntList changed = new IntList();
    private final int[] linkStamp;
    private int stamp;
    private int[] flowStamp = new int[64];
    private final OptimalityCheck check;

    /** A network over the links of a graph, with the graph's effective capacities. */
    public FlowNetwork(NetworkGraph graph) {
        this(graph.capacitiesBytesPerS());
    }

    /** A network over links {@code 0..capacities.length) with these capacities in bytes/s. */
    public FlowNetwork(double[] capacitiesBytesPerS) {
        for (int l = 0; l < capacitiesBytesPerS.length; l++) {
            if (!(capacitiesBytesPerS[l] > 0) || Double.isInfinite(capacitiesBytesPerS[l])) {
                throw new IllegalArgumentException("link " + l + " needs a finite positive capacity, was " + capacitiesBytesPerS[l]);
            }
        }
        this.capacity = capacitiesBytesPerS.clone();
        int links = capacity.length;
        this.load = new double[links];
        this.table = new FlowTable(links);
        this.appended = new AppendedFlows(links);
        this.solver = new MaxMinSolver(capacity, load, appended);
        this.linkStamp = new int[links];
        this.check = new OptimalityCheck(this, links);
    }

    public RateUpdate addFlow(int[] path, double demandCapBytesPerS) {
        return change(new int[0], new int[][] {path}, new double[] {demandCapBytesPerS});
    }

    public RateUpdate addFlows(int[][] paths, double[] demandCapsBytesPerS) {
        return change(new int[0], paths, demandCapsBytesPerS);
    }

    public RateUpdate removeFlows(int... flowIds) {
        return change(flowIds, new int[0][], new double[0]);
    }

    /**
     * Removes and adds flows in one step and re-solves once. Paths are link ids (not repeated);
     * the network keeps the arrays, so callers must not modify them afterwards. A demand cap is
     * positive, {@link #UNCAPPED} for none; a flow with an empty path needs a finite cap.
     */
    public RateUpdate change(int[] removeIds, int[][] addPaths, double[] addDemandCapsBytesPerS) {
        checkArguments(removeIds, addPaths, addDemandCapsBytesPerS);
        stamp++;
        seeds.clear();
        for (int f : removeIds) {
            seedLinks(table.path[f]);
        }
        for (int f : removeIds) {
            table.remove(f);
        }
        int[] added = new int[addPaths.length];
        appended.start(removeIds.length == 0);
        for (int i = 0; i < addPaths.length; i++) {
            seedLinks(addPaths[i]);
            added[i] = table.add(addPaths[i], addDemandCapsBytesPerS[i]);
            appended.appended(addPaths[i]);
        }
        ensureFlowStamp();
        subset.clear();
        for (int f : added) {
            addToSubset(f);
        }
        // Flows at their demand cap on a touched link stay out of the first subset: a cap
        // allocation stays optimal while the link has room, and if the change fills the link
        // below their rate, the optimality check reports them (the seed links are always
        // inspected). Training traffic is mostly capped, so this keeps updates local.
        LinkLimitedFlows limited = table.limited;
        for (int i = 0; i < seeds.size; i++) {
            int l = seeds.items[i];
            int[] list = limited.flows[l];
            for (int k = 0, c = limited.count[l]; k < c; k++) {
                addToSubset(list[k]);
            }
        }
        int rounds = 0;
        while (true) {
            rounds++;
            solver.solve(table, subset.items, subset.size);
            violators.clear();
            check.findViolators(subset);
            if (violators.size == 0) {
                break;
            }
            // addViolator already stamped them as members.
            for (int i = 0; i < violators.size; i++) {
                subset.add(violators.items[i]);
            }
        }
        int[] moved = commit(added);
        return new RateUpdate(added, moved, subset.size, rounds);
    }

    /** Re-solves every flow from scratch; the result equals the incremental one. */
    public RateUpdate recomputeAll() {
        stamp++;
        appended.start(false);
        ensureFlowStamp();
        subset.clear();
        for (int f = 0; f < table.slotCount; f++) {
            if (table.active[f]) {
                addToSubset(f);
            }
        }
        seeds.clear();
        solver.solve(table, subset.items, subset.size);
        return new RateUpdate(new int[0], commit(new int[0]), subset.size, 1);
    }

    private int[] commit(int[] added) {
        changed.clear();
        for (int i = 0; i < subset.size; i++) {
            int f = subset.items[i];
            boolean isNew = table.bottleneck[f] == FlowTable.UNSOLVED;
            double old = table.rate[f];
            double now = solver.newRate[f];
            table.setRate(f, now);
            table.setBottleneck(f, solver.newBottleneck[f]);
            if (!isNew && rateMoved(old, now)) {
                changed.add(f);
            }
        }
        for (int i = 0; i < solver.touchedCount; i++) {
            refreshLoad(solver.touchedLinks[i]);
        }
        for (int i = 0; i < seeds.size; i++) {
            if (!solver.touched(seeds.items[i])) {
                refreshLoad(seeds.items[i]);
            }
        }
        return changed.toArray(); // sorted by RateUpdate when a caller asks for them in order
    }

    static boolean rateMoved(double old, double now) {
        return Math.abs(now - old) > EPS * Math.max(Math.abs(now), Math.abs(old));
    }

    /** Sums the link's rates in list order; once per link and update (a continued sum is not idempotent). */
    private void refreshLoad(int l) {
        double sum = 0;
        double[] rates = table.linkRates[l];
        int c = table.linkFlowCount[l];
        int k = 0;
        int a = appended.on(l);
        if (a > 0 && solver.heldBeforeAppended(l, a)) {
            // Only the appended flows moved: continue the sum the load holds.
            sum = load[l];
            k = c - a;
        }
        for (; k < c; k++) {
            sum += rates[k];
        }
        load[l] = sum;
    }

    private void seedLinks(int[] path) {
        for (int l : path) {
            if (linkStamp[l] != stamp) {
                linkStamp[l] = stamp;
                seeds.add(l);
            }
        }
    }

    private void addToSubset(int f) {
        if (flowStamp[f] != stamp) {
            flowStamp[f] = stamp;
            subset.add(f);
        }
    }

    private void ensureFlowStamp() {
        if (flowStamp.length < table.slotCount) {
            flowStamp = Arrays.copyOf(flowStamp, Math.max(table.slotCount, flowStamp.length * 2));
        }
    }

    private void checkArguments(int[] removeIds, int[][] addPaths, double[] demands) {
        if (addPaths.length != demands.length) {
            throw new IllegalArgumentException(addPaths.length + " paths but " + demands.length + " demand caps");
        }
        // Listed twice: a stamp per flow slot, not a sorted copy of the ids (a sort per stop).
        ensureFlowStamp();
        stamp++;
        for (int f : removeIds) {
            if (!table.isActive(f) || flowStamp[f] == stamp) {
                throw new IllegalArgumentException("flow " + f + " is not active or listed twice");
            }
            flowStamp[f] = stamp;
        }
        stamp++;
        for (int i = 0; i < addPaths.length; i++) {
            double d = demands[i];
            if (!(d > 0)) {
                throw new IllegalArgumentException("demand cap of path " + i + " must be positive or UNCAPPED, was " + d);
            }
            if (addPaths[i].length == 0 && d == UNCAPPED) {
                throw new IllegalArgumentException("path " + i + " is empty and uncapped: its rate would be infinite");
            }
            for (int l : addPaths[i]) {
                if (l < 0 || l >= capacity.length) {
                    throw new IllegalArgumentException("path " + i + " names link " + l + " of " + capacity.length);
                }
                if (linkStamp[l] == stamp) {
                    throw new IllegalArgumentException("path " + i + " crosses link " + l + " twice");
                }
                linkStamp[l] = stamp;
            }
            stamp++;
        }
    }

    public double rateBytesPerS(int flowId) {
        requireActive(flowId);
        return table.rate[flowId];
    }

    public boolean isActive(int flowId) {
        return table.isActive(flowId);
    }

    /** A copy of the flow's path. */
    public int[] path(int flowId) {
        requireActive(flowId);
        return table.path[flowId].clone();
    }

    public double demandCapBytesPerS(int flowId) {
        requireActive(flowId);
        return table.demand[flowId];
    }

    public int activeFlowCount() {
        return table.activeCount;
    }

    /** Ids of all active flows, ascending. */
    public int[] activeFlowIds() {
        IntList out = new IntList();
        for (int f = 0; f < table.slotCount; f++) {
            if (table.active[f]) {
                out.add(f);
            }
        }
        return out.toArray();
    }

    public int linkCount() {
        return capacity.length;
    }

    public double capacityBytesPerS(int link) {
        return capacity[link];
    }

    /** Sum of the rates of the flows on a link. */
    public double linkLoadBytesPerS(int link) {
        return load[link];
    }

    /** Load over capacity, in [0, 1] up to rounding. */
    public double linkUtilisation(int link) {
        return load[link] / capacity[link];
    }

    public int flowCountOnLink(int link) {
        return table.linkFlowCount[link];
    }

    private void requireActive(int flowId) {
        if (!table.isActive(flowId)) {
            throw new IllegalArgumentException("flow " + flowId + " is not active");
        }
    }

    // Package-private views used by OptimalityCheck.
    FlowTable table() {
        return table;
    }

    MaxMinSolver solver() {
        return solver;
    }

    double[] capacity() {
        return capacity;
    }

    double[] load() {
        return load;
    }

    IntList seeds() {
        return seeds;
    }

    /** Queues a flow held fixed in this round for the next, larger subset. */
    void addViolator(int f) {
        if (flowStamp[f] != stamp) {
            flowStamp[f] = stamp;
            violators.add(f);
        }
    }
}
