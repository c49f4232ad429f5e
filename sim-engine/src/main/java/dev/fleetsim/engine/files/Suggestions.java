package dev.fleetsim.engine.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for every name and key a user types (scenario and profile keys, GPU types,
 * models, policies, placement, precisions, command-line commands and options): the one place
 * that decides which allowed word is closest. It ignores case, and blanks, dashes and
 * underscores ({@code h100_sxm} is {@code H100-SXM}); it suggests the words that extend what was
 * written ({@code H100} names {@code H100-SXM}; a prefix shared by several lists them all), else
 * the one within a typo's distance (neighbouring letters swapped count as one edit; a name of several
 * words is a typo word by word), else the one the input spells out or extends word by word
 * ({@code sequenceLength} for {@code seqLength}, {@code globalBatchSize} for {@code globalBatch}), or
 * whose words' initials it is ({@code tensorParallel} or {@code tensor-model-parallel-size} for {@code tp}).
 * A far-off word gets no suggestion, because a wrong guess is worse than none.
 */
public final class Suggestions {

    /** Longer input is no typo of a key or a name, and is not compared. */
    private static final int MAX_INPUT = 200;

    /** An allowed word the input merely starts with must be at least this long ({@code tp} is in too many words). */
    private static final int MIN_EXTENDED = 4;

    private Suggestions() {
    }

    /**
     * What {@code input} most likely meant, in the order of {@code candidates}: those it is a prefix
     * of, when it is one of at least three characters ("H100" -> H100-SXM; "llama2" -> every llama2
     * model); else the one within a typo's distance ({@link #closest}); else those whose words it spells out ("sequenceLength" ->
     * seqLength) or extends ("globalBatchSize" -> globalBatch), or that are its words' initials
     * ("tensorParallel" -> tp). Empty when nothing is close.
     */
    public static List<String> likely(String input, Collection<String> candidates) {
        String in = squash(input == null ? "" : input);
        if (in.isEmpty() || in.length() > MAX_INPUT) {
            return List.of();
        }
        List<String> extending = new ArrayList<>();
        if (in.length() >= 3) {
            for (String candidate : candidates) {
                String c = squash(candidate);
                if (c.startsWith(in) && !c.equals(in)) {
                    extending.add(candidate);
                }
            }
        }
        if (!extending.isEmpty()) {
            return extending;
        }
        Optional<String> typo = closest(input, candidates);
        if (typo.isPresent()) {
            return List.of(typo.get());
        }
        List<String> inputWords = words(input);
        List<String> abbreviated = new ArrayList<>();
        for (String candidate : candidates) {
            String c = squash(candidate);
            if (sameWordsAbbreviated(inputWords, words(candidate))
                    || c.length() >= MIN_EXTENDED && in.startsWith(c) && c.length() * 5 >= in.length() * 3
                    || c.length() >= 2 && c.equals(initials(inputWords))) {
                abbreviated.add(candidate);
            }
        }
        return abbreviated.size() <= 3 ? abbreviated : List.of();
    }

    /**
     * The candidate closest to {@code input} by edit distance (a swap of two neighbouring letters is one edit, so
     * {@code srft} is {@code srtf}, not {@code sjf}), if within a typo's distance of it: one edit for a word of up to
     * four letters ({@code edf} is no typo of {@code sjf}), two for a longer one, a quarter of its length beyond. A name
     * of several words is a typo of one of as many words only word by word ({@code frist-fit} of {@code first-fit};
     * {@code worst-fit} is another name, not a typo of it). Of candidates as close, the first.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String in = squash(input);
        if (in.length() > MAX_INPUT) {
            return Optional.empty();
        }
        int limit = typoLimit(in.length());
        List<String> inputWords = words(input);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = squash(candidate);
            if (Math.abs(c.length() - in.length()) > limit) {
                continue; // at least that many edits apart
            }
            int d = distance(in, c);
            if (d <= limit && d < bestDistance && typoWordByWord(inputWords, words(candidate))) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The edits a typo of a word of this many letters may hold. */
    private static int typoLimit(int length) {
        return length <= 4 ? 1 : Math.max(2, length / 4);
    }

    /**
     * Whether two names of as many words (two or more) differ by a typo in each word at most; true for names of one
     * word or of different word counts, which are compared whole.
     */
    private static boolean typoWordByWord(List<String> a, List<String> b) {
        if (a.size() < 2 || a.size() != b.size()) {
            return true;
        }
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (distance(x, y) > Math.max(1, Math.max(x.length(), y.length()) / 4)) {
                return false;
            }
        }
        return true;
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

    /** Lower case without blanks, dashes and underscores: how two spellings of one name compare. */
    private static String squash(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }

    /** The words of a camelCase, dashed, underscored or spaced name, lower case. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        if (s.length() > MAX_INPUT) {
            return words;
        }
        for (String part : s.trim().split("[\\s_-]+|(?<=[a-z0-9])(?=[A-Z])")) {
            if (!part.isEmpty()) {
                words.add(part.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /**
     * Two names of as many words (at least two), each word of one the other's word or its start
     * of at least three letters: {@code sequenceLength} and {@code seqLength}, not {@code tp} and {@code tpu}.
     */
    private static boolean sameWordsAbbreviated(List<String> a, List<String> b) {
        if (a.size() < 2 || a.size() != b.size() || a.equals(b)) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            String shorter = x.length() <= y.length() ? x : y;
            String longer = x.length() <= y.length() ? y : x;
            if (!longer.startsWith(shorter) || shorter.length() < Math.min(3, longer.length())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first letters of the words, leaving out "model" and "size": Megatron-LM's
     * {@code tensor-model-parallel-size} and a spelt-out {@code pipelineParallel} read as the
     * layout's {@code tp} and {@code pp}; empty for a single word.
     */
    private static String initials(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!w.equals("model") && !w.equals("size")) {
                sb.append(w.charAt(0));
            }
        }
        return sb.length() >= 2 ? sb.toString() : "";
    }

    /**
     * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment: Levenshtein
     * with transpositions), with three rows of the table.
     */
    static int distance(String a, String b) {
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                int d = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, beforePrevious[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] swap = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
