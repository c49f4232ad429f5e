package dev.fleetsim.engine;

import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioException;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating an experiment file: its plan (every point expanded and its scenario
 * validated) or every problem, with its path ({@code axes.nodes[2] = 0: cluster.nodeGroups[0].count}).
 *
 * @param source the file or name the experiment came from
 */
public record ExperimentValidation(String source, Optional<ExperimentPlan> plan, List<Problem> problems) {
    public ExperimentValidation {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return plan.isPresent();
    }

    /** The plan, or the problems as a {@link ScenarioException}. */
    public ExperimentPlan orThrow() throws ScenarioException {
        if (plan.isEmpty()) {
            throw new ScenarioException(source, problems);
        }
        return plan.get();
    }
}
