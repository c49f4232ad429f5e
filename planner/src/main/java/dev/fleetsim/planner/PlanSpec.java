package dev.fleetsim.planner;

import dev.fleetsim.engine.pricing.Purchase;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.util.List;

/**
 * A validated plan file (docs/PLANNING.md): the workload (a base scenario), the decision space
 * (options for one node group × node counts × fabric oversubscription × policy), the
 * constraints, and the seeds that screen and confirm. The objective is the lowest monthly
 * fleet cost.
 *
 * @param group the base scenario's node group the plan sizes and buys
 * @param options the discrete choices for that group: GPU type and purchase
 * @param minNodes fewest nodes of the group to try (0: the group may be left out, for a burst)
 * @param maxNodes most nodes to try
 * @param oversubscriptions fabric oversubscription values to try
 * @param policies scheduling policies to try
 * @param screenSeeds seeds every bisection step runs
 * @param confirmSeeds seeds the survivors are confirmed on (the screen seeds first)
 */
public record PlanSpec(String name, ScenarioSpec base, String group, List<Option> options, int minNodes, int maxNodes,
                       List<Double> oversubscriptions, List<String> policies, List<Constraint> constraints,
                       List<Long> screenSeeds, List<Long> confirmSeeds) {

    /** One discrete choice for the group. */
    public record Option(String name, String gpuType, Purchase purchase) {
    }

    /** Every discrete choice: option × oversubscription × policy, in that order. */
    public List<Choice> choices() {
        List<Choice> out = new java.util.ArrayList<>();
        for (Option o : options) {
            for (double over : oversubscriptions) {
                for (String p : policies) {
                    out.add(new Choice(o, over, p, oversubscriptions.size() > 1, policies.size() > 1));
                }
            }
        }
        return out;
    }

    /** Simulations a brute-force search would run: every choice × node count × confirm seed. */
    public long fullGrid() {
        return (long) choices().size() * (maxNodes - minNodes + 1) * confirmSeeds.size();
    }

    /** A point of the discrete space; the search sizes its node count. */
    public record Choice(Option option, double oversubscription, String policy, boolean showOversubscription,
                         boolean showPolicy) {
        public String label() {
            String s = option.name();
            if (showOversubscription) {
                s += String.format(java.util.Locale.ROOT, "/%s:1", oversubscription == Math.rint(oversubscription)
                        ? String.valueOf((long) oversubscription) : String.valueOf(oversubscription));
            }
            if (showPolicy) {
                s += "/" + policy;
            }
            return s;
        }
    }
}
