package dev.fleetsim.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost–SLO Pareto front of every configuration the plan simulated: each (choice, nodes)
 * at the mean of its seeds, kept when no other is at most as expensive and strictly better on
 * the metric (lower for an upper-bounded one such as a wait, higher for a lower-bounded one such as
 * SLO attainment or tokens per day). Configurations with jobs too big for them are left out.
 */
final class Pareto {
    private Pareto() {
    }

    /** The front of an upper-bounded metric (lower is better). */
    static List<PlanResult.ParetoPoint> front(List<Evaluation> points, int metric) {
        return front(points, metric, true);
    }

    /** The front; {@code lowerIsBetter} says which way the metric improves. */
    static List<PlanResult.ParetoPoint> front(List<Evaluation> points, int metric, boolean lowerIsBetter) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Evaluation> first = new LinkedHashMap<>();
        for (Evaluation e : points) {
            String key = e.choice() + "|" + e.nodes();
            double[] s = sums.computeIfAbsent(key, k -> new double[4]);
            s[0] += e.cost().totalUsdPerMonth();
            s[1] += e.metrics().length > metric ? e.metrics()[metric] : 0;
            s[2]++;
            s[3] += e.rejected();
            first.putIfAbsent(key, e);
        }
        List<PlanResult.ParetoPoint> all = new ArrayList<>();
        for (Map.Entry<String, double[]> en : sums.entrySet()) {
            double[] s = en.getValue();
            if (s[3] > 0) {
                continue;
            }
            Evaluation e = first.get(en.getKey());
            all.add(new PlanResult.ParetoPoint(e.choice(), e.nodes(), (int) s[2], s[0] / s[2], s[1] / s[2]));
        }
        double sign = lowerIsBetter ? 1 : -1;
        all.sort(Comparator.comparingDouble(PlanResult.ParetoPoint::costUsdPerMonth)
                .thenComparingDouble(p -> sign * p.metric()).thenComparing(PlanResult.ParetoPoint::choice));
        List<PlanResult.ParetoPoint> front = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (PlanResult.ParetoPoint p : all) {
            if (sign * p.metric() < best) {
                front.add(p);
                best = sign * p.metric();
            }
        }
        return front;
    }
}
