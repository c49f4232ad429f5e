package dev.fleetsim.planner;

import java.util.List;
import java.util.Optional;

/**
 * What a plan found: the cheapest configuration meeting every constraint (if any), every
 * choice's outcome, every simulated point, the cost–SLO Pareto front, the sensitivity table and
 * what the search cost against the full grid.
 *
 * @param chosen the cheapest confirmed candidate within budget
 * @param paretoMetric the index of the constraint the Pareto front is drawn against (the first service constraint)
 * @param simulations runs the search made (cached points counted once)
 * @param fullGrid runs a brute-force search would make: choices × node counts × confirm seeds
 */
public record PlanResult(PlanSpec plan, Optional<Candidate> chosen, List<Candidate> candidates, List<Evaluation> points,
                         int paretoMetric, List<ParetoPoint> pareto, List<Sensitivity.Row> sensitivity, int simulations,
                         long fullGrid, double wallS) {

    /** A configuration on the front: no other evaluated one is both cheaper and better on the metric. */
    public record ParetoPoint(String choice, int nodes, int seeds, double costUsdPerMonth, double metric) {
    }
}
