package dev.fleetsim.engine.run;

import dev.fleetsim.engine.scenario.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A valid scenario that this run cannot carry out, for a reason in the scenario, not a bug: it
 * needs more heap than the JVM has, or its jobs would run past the simulated clock's span.
 * Each reason is a {@link Problem} with a path, what was found and what would do, so front ends
 * report it as they report an invalid file (exit code 2), and nothing is written.
 */
public final class RunRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public RunRefusedException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
