package dev.fleetsim.planner;

import dev.fleetsim.engine.metrics.Estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizes one choice: the fewest nodes, from a lower bound to the plan's most, at which the mean
 * over the given seeds meets every service constraint and no job is too big for the fleet; by
 * bisection, since the service metrics improve with nodes up to noise.
 */
final class Search {
    private final PlanSpec plan;
    private final Evaluator evaluator;

    Search(PlanSpec plan, Evaluator evaluator) {
        this.plan = plan;
        this.evaluator = evaluator;
    }

    PlanSpec plan() {
        return plan;
    }

    Evaluator evaluator() {
        return evaluator;
    }

    /** The fewest nodes to try: 0 only when the plan's group is not the whole cluster (a burst may be left out). */
    int minNodes() {
        return plan.base().cluster().nodeGroups().size() > 1 ? plan.minNodes() : Math.max(1, plan.minNodes());
    }

    /** The first service constraint, which the Pareto front is drawn against. */
    int paretoMetric() {
        for (int i = 0; i < plan.constraints().size(); i++) {
            if (plan.constraints().get(i).metric().improvesWithNodes()) {
                return i;
            }
        }
        return 0;
    }

    /** The means of the constraints' metrics at a point over {@code seeds}; null when a job is too big for the fleet. */
    double[] means(PlanSpec.Choice choice, int nodes, List<Long> seeds, double load) {
        double[] sum = new double[plan.constraints().size()];
        for (long seed : seeds) {
            Evaluation e = evaluator.evaluate(choice, nodes, seed, load);
            if (e.rejected() > 0) {
                return null;
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += e.metrics()[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= seeds.size();
        }
        return sum;
    }

    boolean serviceMet(PlanSpec.Choice choice, int nodes, List<Long> seeds, double load) {
        double[] m = means(choice, nodes, seeds, load);
        if (m == null) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            Constraint c = plan.constraints().get(i);
            if (c.metric().improvesWithNodes() && !c.met(m[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fewest nodes in [lo, max] meeting the service constraints on {@code seeds}; -1 when max
     * does not. From the plan's lower bound it bisects the whole range; from a node count found on
     * fewer seeds ({@code gallop}) it steps up 1, 2, 4, ... nodes first, since the answer on more
     * seeds is usually a node or two above it.
     */
    int fewestNodes(PlanSpec.Choice choice, List<Long> seeds, int lo, double load, boolean gallop) {
        int max = plan.maxNodes();
        if (serviceMet(choice, lo, seeds, load)) {
            return lo;
        }
        int hi = max;
        if (gallop) {
            int step = 1;
            hi = Math.min(max, lo + step);
            while (!serviceMet(choice, hi, seeds, load)) {
                if (hi == max) {
                    return -1;
                }
                lo = hi;
                step *= 2;
                hi = Math.min(max, lo + step);
            }
        } else if (!serviceMet(choice, hi, seeds, load)) {
            return -1;
        }
        return bisect(choice, seeds, lo, hi, load);
    }

    /**
     * The fewest nodes in [lo, hi] meeting the service constraints on {@code seeds}, given that
     * {@code hi} does (by bisection); for a smaller load than the one {@code hi} was found at.
     */
    int fewestNodesBelow(PlanSpec.Choice choice, List<Long> seeds, int lo, int hi, double load) {
        if (serviceMet(choice, lo, seeds, load)) {
            return lo;
        }
        return bisect(choice, seeds, lo, hi, load);
    }

    /** The fewest nodes in (lo, hi] meeting the constraints, {@code lo} missing them and {@code hi} meeting them. */
    private int bisect(PlanSpec.Choice choice, List<Long> seeds, int lo, int hi, double load) {
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (serviceMet(choice, mid, seeds, load)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The choice sized on {@code seeds}, as a candidate with its estimates there. */
    Candidate size(PlanSpec.Choice choice, List<Long> seeds, int lo, double load, String status) {
        int from = Math.max(lo, minNodes());
        int n = fewestNodes(choice, seeds, from, load, from > minNodes());
        if (n < 0) {
            double[] m = means(choice, plan.maxNodes(), seeds, load);
            String why = m == null ? "jobs too big for it" : misses(m);
            return new Candidate(choice, -1, seeds.size(), List.of(), new Estimate(0, Double.NaN, Double.NaN, Double.NaN),
                    false, false, "infeasible: even " + plan.maxNodes() + " nodes give " + why);
        }
        return candidate(choice, n, seeds, load, status);
    }

    Candidate candidate(PlanSpec.Choice choice, int n, List<Long> seeds, double load, String status) {
        List<Estimate> metrics = new ArrayList<>();
        double[] costs = new double[seeds.size()];
        double[][] values = new double[plan.constraints().size()][seeds.size()];
        for (int s = 0; s < seeds.size(); s++) {
            Evaluation e = evaluator.evaluate(choice, n, seeds.get(s), load);
            costs[s] = e.cost().totalUsdPerMonth();
            for (int i = 0; i < values.length; i++) {
                values[i][s] = e.metrics()[i];
            }
        }
        String prefix = plan.name() + "/" + choice.label() + "/" + n + "/";
        for (int i = 0; i < values.length; i++) {
            metrics.add(Estimate.of(values[i], prefix + plan.constraints().get(i).key()));
        }
        Estimate cost = Estimate.of(costs, prefix + "cost");
        boolean withinBudget = true;
        for (int i = 0; i < values.length; i++) {
            Constraint c = plan.constraints().get(i);
            if (!c.metric().improvesWithNodes() && !c.met(metrics.get(i).mean())) {
                withinBudget = false;
            }
        }
        String budget = withinBudget ? "" : "; over budget";
        return new Candidate(choice, n, seeds.size(), List.copyOf(metrics), cost, false, withinBudget,
                status + " at " + n + " nodes" + budget);
    }

    private String misses(double[] m) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            Constraint c = plan.constraints().get(i);
            if (c.metric().improvesWithNodes() && !c.met(m[i])) {
                out.add(String.format(Locale.ROOT, "%s %s (limit %s)", c.label(), c.format(m[i]), c.format(c.limit())));
            }
        }
        return String.join(", ", out);
    }
}
