package dev.fleetsim.engine.scheduling;

import dev.fleetsim.engine.scenario.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy's parameters are wrong: every problem at once, each a {@link Problem} whose path is
 * the parameter's key ({@code length}, {@code tenants.a.nominalQuota}); the engine prefixes
 * {@code policy.params.}, which makes it a path into the scenario. The message is one problem a
 * line. Thrown by {@link PolicyProvider#create}.
 */
public final class PolicyParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public PolicyParameterException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PolicyParameterException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
