package dev.fleetsim.engine.hardware;

import java.util.List;

/**
 * A hardware document that cannot be used: every problem found in it, each with its path, so
 * a user fixes them all in one go. The message lists them one a line under the source's name.
 */
public final class HardwareDocumentException extends Exception {

    private final String source;
    private final transient List<HardwareProblem> problems;

    public HardwareDocumentException(String source, List<HardwareProblem> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<HardwareProblem> problems() {
        return problems;
    }

    private static String message(String source, List<HardwareProblem> problems) {
        StringBuilder sb = new StringBuilder(source).append(" is not a valid hardware document (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (HardwareProblem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
