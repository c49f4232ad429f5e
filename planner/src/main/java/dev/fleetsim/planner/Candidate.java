package dev.fleetsim.planner;

import dev.fleetsim.engine.metrics.Estimate;

import java.util.List;

/**
 * A discrete choice after the search: the fewest nodes at which it met every service
 * constraint on the seeds it was last run on, with its estimates over those seeds.
 *
 * @param nodes the node count found; -1 when even the most nodes did not meet the constraints
 * @param seeds how many seeds its figures are over (the confirm seeds for a survivor)
 * @param metrics the constraints' metrics at {@code nodes}, in the plan's order, mean with 95 % interval
 * @param costUsdPerMonth the fleet's monthly cost at {@code nodes}
 * @param status what the search did with it, in words
 */
public record Candidate(PlanSpec.Choice choice, int nodes, int seeds, List<Estimate> metrics, Estimate costUsdPerMonth,
                        boolean confirmed, boolean withinBudget, String status) {

    public String label() {
        return choice.label();
    }

    public boolean feasible() {
        return nodes >= 0;
    }

    Candidate with(String newStatus) {
        return new Candidate(choice, nodes, seeds, metrics, costUsdPerMonth, confirmed, withinBudget, newStatus);
    }
}
