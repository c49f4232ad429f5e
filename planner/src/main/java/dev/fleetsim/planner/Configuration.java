package dev.fleetsim.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration a plan simulated, a choice at a node count, at the mean of the seeds it ran
 * on at the plan's own load: a marker of {@code pareto.png}. The one place that averages a plan's
 * points, so the chart, the desktop's click-through and the files agree to the last bit.
 *
 * @param seeds the seeds it ran on (one for a point only screened)
 * @param metrics each constraint's mean metric, in the plan's order
 * @param rejected the most jobs any of its seeds could not run (too big for the fleet); any makes it infeasible
 */
public record Configuration(PlanSpec.Choice choice, int nodes, int seeds, double costUsdPerMonth, double[] metrics,
                            int rejected) {

    public String label() {
        return choice.label();
    }

    /** Whether every job fits the fleet (a configuration that rejects jobs is not drawn). */
    public boolean fits() {
        return rejected == 0;
    }

    /** The mean of the Pareto metric ({@link PlanResult#paretoMetric()}). */
    public double paretoMetric(PlanResult r) {
        return metrics.length > r.paretoMetric() ? metrics[r.paretoMetric()] : 0;
    }

    /** Every configuration of the plan's points, by choice (in the plan's order) then node count. */
    public static List<Configuration> of(PlanResult r) {
        Map<String, PlanSpec.Choice> choices = new LinkedHashMap<>();
        for (PlanSpec.Choice c : r.plan().choices()) {
            choices.put(c.label(), c);
        }
        Map<String, List<Evaluation>> byConfig = new LinkedHashMap<>();
        for (PlanSpec.Choice c : choices.values()) {
            for (Evaluation e : r.points()) {
                if (e.choice().equals(c.label())) {
                    byConfig.computeIfAbsent(c.label() + "\u0000" + e.nodes(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        List<Configuration> out = new ArrayList<>();
        for (List<Evaluation> es : byConfig.values()) {
            Evaluation first = es.get(0);
            double cost = 0;
            double[] metrics = new double[first.metrics().length];
            int rejected = 0;
            for (Evaluation e : es) {
                cost += e.cost().totalUsdPerMonth();
                for (int i = 0; i < metrics.length; i++) {
                    metrics[i] += e.metrics()[i];
                }
                rejected = Math.max(rejected, e.rejected());
            }
            for (int i = 0; i < metrics.length; i++) {
                metrics[i] /= es.size();
            }
            out.add(new Configuration(choices.get(first.choice()), first.nodes(), es.size(), cost / es.size(), metrics,
                    rejected));
        }
        return out;
    }
}
