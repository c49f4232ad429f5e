package dev.fleetsim.calibration.raw;

import java.util.List;

/** A raw measurement file that does not follow the format: one {@code file:line: problem} per entry. */
public final class RawFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;
    private final boolean wrongKind;

    public RawFormatException(List<String> problems) {
        this(summary(problems), problems, false);
    }

    private RawFormatException(String message, List<String> problems, boolean wrongKind) {
        super(message);
        this.problems = List.copyOf(problems);
        this.wrongKind = wrongKind;
    }

    /** A file that is not raw measurements at all (a scenario, a YAML document): its one problem is the message. */
    static RawFormatException wrongKind(String problem) {
        return new RawFormatException(problem, List.of(problem), true);
    }

    public List<String> problems() {
        return problems;
    }

    /** Whether a file given is of another kind (then {@link #getMessage()} is one "found ...; expected ..." line). */
    public boolean wrongKind() {
        return wrongKind;
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
