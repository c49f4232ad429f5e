package dev.fleetsim.engine.scenario;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names and keys: the closest allowed word by edit distance, ignoring case,
 * when it is close enough that the user most likely meant it. A far-off word gets no
 * suggestion, because a wrong guess is worse than none.
 */
final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code input}, if within a typo's distance of it. */
    static Optional<String> closest(String input, Collection<String> candidates) {
        String in = input.toLowerCase(Locale.ROOT);
        // Short words tolerate two edits, longer ones a quarter of their length.
        int limit = Math.max(2, in.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(in, c);
            // A candidate that extends what was typed ("h100" -> "H100-SXM") is a likely intent too.
            if (d > limit && in.length() >= 3 && c.startsWith(in)) {
                d = limit;
            }
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "one of a, b, c" plus a suggestion when one is close to {@code input}. */
    static String oneOf(String input, Collection<String> candidates) {
        String list = "one of " + String.join(", ", candidates);
        return closest(input, candidates).map(s -> list + " (did you mean " + s + "?)").orElse(list);
    }

    /** Levenshtein distance with the two-row table. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
