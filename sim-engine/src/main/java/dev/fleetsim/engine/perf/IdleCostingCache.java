package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.network.collective.CostedPlan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle-network costings by (job shape, placement shape) ({@link PlacementShape.Key}), so that a run
 * solves the max-min rates of a job's collectives once per shape instead of at every start: most
 * jobs repeat both. An entry keeps what the solve produced (every flow's rate, each phase's transfer
 * time, the estimate), not the flows themselves, which are re-planned on the new placement by
 * routing alone (only the groups whose flows leave a node, when the caller registers shared
 * traffic). Bounded by entries and by stored rates, least recently used out first; the order of
 * calls alone decides what is kept, and a kept costing equals a fresh one bit for bit, so results
 * do not depend on the cache. Not thread-safe: one per {@link FlowStepModel}.
 */
final class IdleCostingCache {

    /**
     * One costing as the solve left it.
     *
     * @param compute the compute side
     * @param occurrenceS per collective, one occurrence's time
     * @param estimate the idle-network estimate
     * @param solved per collective, what its solve found (the plan's flows are not kept)
     * @param rates how many flow rates the entry holds (its weight in the bound)
     */
    record Entry(IterationCompute compute, double[] occurrenceS, StepEstimate estimate, List<Solved> solved,
                 long rates) {
        static Entry of(FlowStepModel.Costing c, List<List<double[]>> acrossNodesRates) {
            List<Solved> solved = new ArrayList<>(c.plans().size());
            for (int k = 0; k < c.plans().size(); k++) {
                CostedPlan p = c.plans().get(k);
                solved.add(new Solved(p.rates(), p.transferSeconds(), p.seconds(), List.copyOf(acrossNodesRates.get(k))));
            }
            return of(c.compute(), c.occurrenceS(), c.estimate(), solved);
        }

        /** An entry of these solves, weighed by the rates they hold. */
        static Entry of(IterationCompute compute, double[] occurrenceS, StepEstimate estimate, List<Solved> solved) {
            long rates = 0;
            for (Solved s : solved) {
                for (double[] r : s.rates()) {
                    rates += r.length;
                }
                for (double[] r : s.acrossNodesRates()) {
                    rates += r.length;
                }
            }
            return new Entry(compute, occurrenceS, estimate, List.copyOf(solved), rates);
        }
    }

    /**
     * A costed plan without its plan: each phase's flow rates and transfer time, and the whole time; and per
     * phase the rates of the flows of the groups that span nodes alone, in group order (the coupling's plan).
     */
    record Solved(List<double[]> rates, double[] transferSeconds, double seconds, List<double[]> acrossNodesRates) {
    }

    private final int maxEntries;
    private final long maxRates;
    private final LinkedHashMap<PlacementShape.Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long rates;
    private long hits;
    private long misses;

    /** A cache of at most {@code maxEntries} costings holding at most {@code maxRates} flow rates; 0 entries disables it. */
    IdleCostingCache(int maxEntries, long maxRates) {
        this.maxEntries = maxEntries;
        this.maxRates = maxRates;
    }

    Entry get(PlacementShape.Key key) {
        Entry e = maxEntries == 0 ? null : entries.get(key);
        if (e == null) {
            misses++;
        } else {
            hits++;
        }
        return e;
    }

    void put(PlacementShape.Key key, Entry e) {
        if (maxEntries == 0 || e.rates() > maxRates) {
            return;
        }
        Entry old = entries.put(key, e);
        rates += e.rates() - (old == null ? 0 : old.rates());
        Iterator<Map.Entry<PlacementShape.Key, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() > maxEntries || rates > maxRates) {
            rates -= eldest.next().getValue().rates();
            eldest.remove();
        }
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    int size() {
        return entries.size();
    }
}
