package dev.fleetsim.planner;

import dev.fleetsim.engine.pricing.FleetCost;

/**
 * One simulated point: a choice at a node count on one seed, its constraint metrics (in the
 * plan's order) and the fleet's monthly cost.
 *
 * @param rejected jobs the fleet could not run at all (too big for it); any makes the point infeasible
 * @param wallS the simulation's wall time
 */
public record Evaluation(String choice, int nodes, long seed, double[] metrics, FleetCost cost, int rejected,
                         int jobs, double wallS) {
}
