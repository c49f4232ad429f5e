package dev.fleetsim.engine;

import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioException;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a scenario in one pass: structure, every job's fit (memory) and the
 * policy's name and parameters, each problem with its path in the document, what was found and
 * what is allowed. Either a spec or at least one problem, never both.
 *
 * @param source the file name or label the text came from
 * @param spec the validated scenario, present exactly when there are no problems
 * @param problems every problem, in document order (policy problems after the workload's)
 */
public record Validation(String source, Optional<ScenarioSpec> spec, List<Problem> problems) {
    public Validation {
        problems = List.copyOf(problems);
        if (spec.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a validation has a spec or problems, not both and not neither");
        }
    }

    public boolean valid() {
        return spec.isPresent();
    }

    /**
     * The spec of a valid scenario.
     *
     * @throws ScenarioException with every problem otherwise
     */
    public ScenarioSpec orThrow() throws ScenarioException {
        if (spec.isEmpty()) {
            throw new ScenarioException(source, problems);
        }
        return spec.get();
    }
}
