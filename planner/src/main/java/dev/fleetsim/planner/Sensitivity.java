package dev.fleetsim.planner;

import dev.fleetsim.engine.pricing.FleetCost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * The sensitivity table of the chosen configuration: each constraint's margin and whether it
 * binds (one node fewer misses it on the confirm seeds), what ±10 % load does to the node count
 * and cost (the choice re-sized on the confirm seeds at that load), and what ±10 % on the chosen
 * GPU type's prices does to the ranking (costs recomputed from the runs made: no new simulation).
 */
public final class Sensitivity {

    /** One row: what changed, and what it does. */
    public record Row(String change, String value, String effect) {
    }

    private final PlanSpec plan;
    private final Search search;
    private final ExecutorService pool;

    Sensitivity(PlanSpec plan, Search search, ExecutorService pool) {
        this.plan = plan;
        this.search = search;
        this.pool = pool;
    }

    List<Row> rows(Candidate chosen, List<Candidate> candidates) {
        List<Row> out = new ArrayList<>();
        double[] fewer = chosen.nodes() > search.minNodes()
                ? search.means(chosen.choice(), chosen.nodes() - 1, plan.confirmSeeds(), 1.0) : null;
        for (int i = 0; i < plan.constraints().size(); i++) {
            Constraint c = plan.constraints().get(i);
            double v = chosen.metrics().get(i).mean();
            String effect;
            if (!c.metric().improvesWithNodes()) {
                effect = c.met(v) ? "met" : "missed";
            } else if (chosen.nodes() == search.minNodes()) {
                effect = "not binding: the fewest nodes searched already meet it";
            } else if (fewer == null) {
                effect = "binding: " + (chosen.nodes() - 1) + " nodes leave jobs too big for the fleet";
            } else {
                effect = c.met(fewer[i]) ? "not binding: " + (chosen.nodes() - 1) + " nodes give " + c.format(fewer[i])
                        : "binding: " + (chosen.nodes() - 1) + " nodes give " + c.format(fewer[i]);
            }
            out.add(new Row(c.describe(), String.format(Locale.ROOT, "%s (margin %+.0f %%)", c.format(v), 100 * c.margin(v)),
                    effect));
        }
        // Re-sized on the confirm seeds: more load from the chosen count upwards, less load below it.
        double[] loads = {1.1, 0.9};
        List<Candidate> resized = Planner.all(pool, List.of(0, 1), k -> {
            if (k == 0) {
                return search.size(chosen.choice(), plan.confirmSeeds(), chosen.nodes(), loads[k], "load");
            }
            int n = search.fewestNodesBelow(chosen.choice(), plan.confirmSeeds(), search.minNodes(), chosen.nodes(), loads[k]);
            return search.candidate(chosen.choice(), n, plan.confirmSeeds(), loads[k], "load");
        });
        for (int k = 0; k < 2; k++) {
            Candidate r = resized.get(k);
            String change = String.format(Locale.ROOT, "load %+.0f %%", 100 * (loads[k] - 1));
            if (!r.feasible()) {
                out.add(new Row(change, "", "no node count up to " + plan.maxNodes() + " meets the constraints"));
            } else {
                double cost = r.costUsdPerMonth().mean();
                out.add(new Row(change, r.nodes() + " nodes", String.format(Locale.ROOT, "%+d nodes, %,.0f USD/month (%+.1f %%;"
                                + " on the %d confirm seeds)", r.nodes() - chosen.nodes(), cost,
                        100 * (cost / chosen.costUsdPerMonth().mean() - 1), plan.confirmSeeds().size())));
            }
        }
        String type = chosen.choice().option().gpuType();
        for (double f : new double[] {1.1, 0.9}) {
            Candidate best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (Candidate c : candidates) {
                if (!c.feasible() || !c.withinBudget()) {
                    continue;
                }
                double cost = priced(c, type, f);
                if (cost < bestCost || cost == bestCost && best != null && c.label().compareTo(best.label()) < 0) {
                    best = c;
                    bestCost = cost;
                }
            }
            String change = String.format(Locale.ROOT, "%s prices %+.0f %%", type, 100 * (f - 1));
            double own = priced(chosen, type, f);
            String effect = best == null || best.label().equals(chosen.label())
                    ? String.format(Locale.ROOT, "%s stays the cheapest, at %,.0f USD/month", chosen.label(), own)
                    : String.format(Locale.ROOT, "%s becomes cheaper (%,.0f vs %,.0f USD/month, %d nodes on %d seed%s)",
                    best.label(), bestCost, own, best.nodes(), best.seeds(), best.seeds() == 1 ? "" : "s");
            out.add(new Row(change, "", effect));
        }
        return out;
    }

    /** A candidate's monthly cost with every price of {@code type} (rent, capital, data centre) times {@code f}; energy unchanged. */
    private double priced(Candidate c, String type, double f) {
        double sum = 0;
        for (long seed : plan.confirmSeeds().subList(0, c.seeds())) {
            FleetCost cost = search.evaluator().evaluate(c.choice(), c.nodes(), seed, 1.0).cost();
            for (FleetCost.GroupCost g : cost.groups()) {
                double scale = g.gpuType().equals(type) ? f : 1;
                sum += (g.rentUsd() + g.capexUsd() + g.datacentreUsd()) * scale + g.energyUsd();
            }
        }
        return sum / c.seeds();
    }

    static Comparator<Candidate> byCost() {
        return Comparator.comparingDouble((Candidate c) -> c.costUsdPerMonth().mean()).thenComparing(Candidate::label);
    }
}
