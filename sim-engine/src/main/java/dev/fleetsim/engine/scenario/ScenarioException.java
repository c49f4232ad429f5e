package dev.fleetsim.engine.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be used, with every problem found in it (not only the first),
 * so a user fixes the whole file in one pass. Checked, because a bad file is an expected
 * outcome of loading one and every caller has to tell its user.
 */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final List<Problem> problems;

    public ScenarioException(String sourceName, List<Problem> problems) {
        super(sourceName + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n"
                + format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    /** The file name or label the text came from, as given to the loader. */
    public String sourceName() {
        return sourceName;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One problem per line: {@code path: found X; expected Y}, in document order. */
    public String format() {
        return format(problems);
    }

    private static String format(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
