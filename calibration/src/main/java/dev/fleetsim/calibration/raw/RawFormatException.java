package dev.fleetsim.calibration.raw;

import java.util.List;

/** A raw measurement file that does not follow the format: one {@code file:line: problem} per entry. */
public final class RawFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public RawFormatException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size() == 1 ? "1 problem in the raw measurements:" : problems.size() + " problems in the raw measurements:");
        int shown = Math.min(problems.size(), 20);
        for (int i = 0; i < shown; i++) {
            sb.append("\n  ").append(problems.get(i));
        }
        if (problems.size() > shown) {
            sb.append("\n  ... and ").append(problems.size() - shown).append(" more");
        }
        return sb.toString();
    }
}
