package dev.fleetsim.planner;

import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.ScenarioWriter;

/**
 * A configuration of a plan as a scenario {@code fleetsim run} takes: the base scenario with the
 * plan's group typed, bought and sized as the configuration says, on the first confirm seed and
 * without a horizon, exactly as the plan simulated it ({@code chosen-scenario.yaml} is one).
 */
public final class RunnableScenario {
    private RunnableScenario() {
    }

    public static ScenarioSpec of(PlanSpec plan, PlanSpec.Choice choice, int nodes) {
        return new Evaluator(null, plan, () -> false, (e, n) -> { })
                .scenario(choice, nodes, plan.confirmSeeds().get(0), 1.0);
    }

    /** The scenario as YAML under a comment line saying where it comes from. */
    public static String yaml(PlanSpec plan, PlanSpec.Choice choice, int nodes, String name, String comment) {
        return "# " + comment + "\n" + new ScenarioWriter().write(of(plan, choice, nodes).withName(name));
    }
}
