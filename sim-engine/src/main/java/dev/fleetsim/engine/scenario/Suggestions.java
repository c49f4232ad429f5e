package dev.fleetsim.engine.scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names and keys, ignoring case: the allowed words that extend what was
 * written ({@code H100} names {@code H100-SXM}; a prefix shared by several lists them all), or
 * else the closest one by edit distance, when close enough that the user most likely meant
 * it. A far-off word gets no suggestion, because a wrong guess is worse than none.
 */
public final class Suggestions {

    /** Longer input is no typo of a key or a name, and is not compared. */
    private static final int MAX_INPUT = 200;

    private Suggestions() {
    }

    /**
     * What {@code input} most likely meant: the candidates it is a prefix of, when it is one of at
     * least three characters ("H100" -> H100-SXM; "llama2" -> every llama2 model), else the one
     * candidate within a typo's distance of it (two edits for a short word, a quarter of its
     * length for a longer one). Empty when nothing is close: a wrong guess is worse than none.
     */
    static List<String> likely(String input, Collection<String> candidates) {
        String in = input.trim().toLowerCase(Locale.ROOT);
        if (in.isEmpty() || in.length() > MAX_INPUT) {
            return List.of();
        }
        List<String> extending = new ArrayList<>();
        if (in.length() >= 3) {
            for (String candidate : candidates) {
                String c = candidate.toLowerCase(Locale.ROOT);
                if (c.startsWith(in) && !c.equals(in)) {
                    extending.add(candidate);
                }
            }
        }
        if (!extending.isEmpty()) {
            return extending;
        }
        return closest(in, candidates).map(List::of).orElse(List.of());
    }

    /** The candidate closest to {@code input} by edit distance, if within a typo's distance of it. */
    static Optional<String> closest(String input, Collection<String> candidates) {
        String in = input.toLowerCase(Locale.ROOT);
        if (in.length() > MAX_INPUT) {
            return Optional.empty();
        }
        // Short words tolerate two edits, longer ones a quarter of their length.
        int limit = Math.max(2, in.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (Math.abs(c.length() - in.length()) > limit) {
                continue; // at least that many edits apart
            }
            int d = distance(in, c);
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "one of a, b, c" plus a suggestion when one or a few are close to {@code input}. */
    public static String oneOf(String input, Collection<String> candidates) {
        return "one of " + String.join(", ", candidates) + hint(input, candidates);
    }

    /** " (did you mean x?)", " (did you mean x or y?)", or "" when nothing is close. */
    public static String hint(String input, Collection<String> candidates) {
        List<String> likely = likely(input == null ? "" : input, candidates);
        if (likely.isEmpty()) {
            return "";
        }
        if (likely.size() == 1) {
            return " (did you mean " + likely.get(0) + "?)";
        }
        return " (did you mean " + String.join(", ", likely.subList(0, likely.size() - 1)) + " or "
                + likely.get(likely.size() - 1) + "?)";
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
