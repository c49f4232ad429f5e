package dev.fleetsim.engine.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of one load, shared by its cursors. It counts every problem but keeps only the
 * first {@link #MAX_KEPT}: a file with a million unknown keys is reported by its first few
 * hundred and a count of the rest, in bounded memory and output.
 */
final class ProblemList {

    /** The most problems a load keeps and reports one by one. */
    static final int MAX_KEPT = 200;

    private final List<Problem> kept = new ArrayList<>();
    private int total;

    void add(Problem problem) {
        total++;
        if (kept.size() < MAX_KEPT) {
            kept.add(problem);
        }
    }

    /** Every problem reported so far, kept or not: readers compare it to a mark. */
    int total() {
        return total;
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** The kept problems, and one more saying how many were left out. */
    List<Problem> toList() {
        List<Problem> out = new ArrayList<>(kept);
        if (total > kept.size()) {
            out.add(new Problem("(document)", (total - kept.size()) + " more problems, not listed",
                    "a file with fewer problems: fix the ones above first"));
        }
        return out;
    }
}
