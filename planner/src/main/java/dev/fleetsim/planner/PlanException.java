package dev.fleetsim.planner;

import java.util.List;

/** A plan file that cannot be planned: every problem with its path, the value found and what is allowed. */
public final class PlanException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public PlanException(String source, List<String> problems) {
        super(source + " is not a valid plan (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
