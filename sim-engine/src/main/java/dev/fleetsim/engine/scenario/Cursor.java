package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.files.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A position in a parsed scenario document: the node there (possibly absent), its path, and
 * the problem list every cursor of one load shares. Readers ask a cursor for typed values by
 * key; a value that is missing, of the wrong type or out of range records a {@link Problem}
 * and comes back {@code null}, so a reader carries on and reports everything at once. A reader
 * takes a {@link #mark()} before a record and builds it only if {@link #cleanSince(int)}.
 */
final class Cursor {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    /** The most keys "found a map {...}" lists. */
    private static final int MAX_KEYS_SHOWN = 12;

    private final JsonNode node;
    private final String path;
    private final ProblemList problems;

    private Cursor(JsonNode node, String path, ProblemList problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    static Cursor root(JsonNode node, ProblemList problems) {
        return new Cursor(node, "", problems);
    }

    /** A value given outside a file (a command-line option), reported at {@code path} ("--nic"). */
    static Cursor option(JsonNode node, String path, ProblemList problems) {
        return new Cursor(node, path, problems);
    }

    /** A cursor at nothing: a section read from it is the section's defaults. */
    static Cursor absent() {
        return new Cursor(null, "", new ProblemList());
    }

    String path() {
        return path;
    }

    JsonNode node() {
        return node;
    }

    /** Whether the document holds a non-null value here. */
    boolean present() {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    Cursor field(String key) {
        String keyPath = key.length() <= Echo.MAX_CHARS && PLAIN_KEY.matcher(key).matches() ? key : Echo.quoted(key);
        String child = path.isEmpty() ? keyPath : path + "." + keyPath;
        return new Cursor(node == null ? null : node.get(key), child, problems);
    }

    int mark() {
        return problems.total();
    }

    boolean cleanSince(int mark) {
        return problems.total() == mark;
    }

    void problem(String found, String allowed) {
        problems.add(new Problem(path.isEmpty() ? "(document)" : path, found, allowed));
    }

    /** A problem found under this position in another document (a referenced file), at {@code subPath}. */
    void problemWithin(String subPath, String found, String allowed) {
        problems.add(new Problem((path.isEmpty() ? "(document)" : path) + " " + subPath, found, allowed));
    }

    /** How a value is shown after "found": strings quoted, numbers as written, containers by shape. */
    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return Echo.quoted(n.asText());
        }
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext() && keys.size() < MAX_KEYS_SHOWN; ) {
                String key = it.next();
                keys.add(PLAIN_KEY.matcher(key).matches() && key.length() <= Echo.MAX_CHARS ? key : Echo.quoted(key));
            }
            if (n.size() > MAX_KEYS_SHOWN) {
                keys.add("... (" + n.size() + " keys)");
            }
            return "a map {" + String.join(", ", keys) + "}";
        }
        if (n.isArray()) {
            return "a list of " + n.size();
        }
        return Echo.plain(n.asText());
    }

    String found() {
        return describe(node);
    }

    // ---- shapes -------------------------------------------------------------------------

    /**
     * Checks that this is a map whose keys are all allowed; an unknown key is reported with the
     * allowed keys and the closest one. Returns false (having reported it) when not a map.
     */
    boolean map(Collection<String> allowedKeys, String what) {
        return map(allowedKeys, Map.of(), what);
    }

    /**
     * As {@link #map(Collection, String)}, with keys that are valid elsewhere but not here
     * ({@code misplaced}) reported with the reason instead of as unknown.
     */
    boolean map(Collection<String> allowedKeys, Map<String, String> misplaced, String what) {
        return map(allowedKeys, misplaced, what, what);
    }

    /** As above; an unknown key names the map as {@code keyOf}, which need not repeat the key list. */
    private boolean map(Collection<String> allowedKeys, Map<String, String> misplaced, String what, String keyOf) {
        if (node == null || !node.isObject()) {
            problem(found(), what);
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (misplaced.containsKey(key)) {
                field(key).problem("key " + Echo.quoted(key), misplaced.get(key));
            } else if (!allowedKeys.contains(key)) {
                field(key).problem("unknown key " + Echo.quoted(key), "a key of " + keyOf + ": "
                        + Suggestions.oneOf(key, allowedKeys));
            }
        }
        return true;
    }

    /** {@link #map(Collection, Map, String)} with the keys, misplaced keys and name of a declared section. */
    boolean map(Section<?> section) {
        // "a key of the faults section: one of gpuMtbf, ...", not the list twice
        return map(section.names(), section.rejected(), section.what(), section.label());
    }

    /**
     * For an optional section: absent is fine (every key then takes its default), present must be
     * a map of the section's keys. Returns false (having reported it) only for a present non-map.
     */
    boolean mapOrAbsent(Section<?> section) {
        return !present() || map(section);
    }

    /** The entries of a map whose keys are names (hardware types, policy params), in document order. */
    Map<String, Cursor> entries(String what) {
        Map<String, Cursor> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            problem(found(), what);
            return out;
        }
        node.fieldNames().forEachRemaining(k -> out.put(k, field(k)));
        return out;
    }

    /** The items of a list; a non-list is reported and read as empty. */
    List<Cursor> list(String what) {
        List<Cursor> out = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problem(found(), what);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new Cursor(node.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    // ---- scalars (typed reading by key is {@link Key#read}) ----------------------------------

    /** A child that must be present: reports "found nothing" and returns null when absent. */
    private Cursor require(String key, String allowed) {
        Cursor c = field(key);
        if (!c.present()) {
            c.problem(c.found(), allowed);
            return null;
        }
        return c;
    }

    String requiredString(String key, String allowed) {
        Cursor c = require(key, allowed);
        return c == null ? null : c.string(allowed);
    }

    /** This node as a non-blank string; numbers and booleans are not silently turned into names. */
    String string(String allowed) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            problem(found(), allowed);
            return null;
        }
        return node.asText().trim();
    }

    /** This node as a whole number in [min, max]; {@code 2.0} counts as whole, {@code "2"} does not. */
    Long integer(long min, long max) {
        String allowed = integerRange(min, max);
        boolean whole = node.isIntegralNumber() && node.canConvertToLong()
                || node.isFloatingPointNumber() && node.asDouble() == Math.rint(node.asDouble())
                && Math.abs(node.asDouble()) < 9e15;
        if (!whole) {
            problem(found(), allowed + (max > 9e15 ? tooLarge(node) : ""));
            return null;
        }
        long v = node.asLong();
        if (v < min || v > max) {
            problem(found(), allowed);
            return null;
        }
        return v;
    }

    /** Why a whole number that is "an integer >= 1" was still refused: "1e16" was, silently. */
    private static String tooLarge(JsonNode n) {
        if (n.isIntegralNumber() && !n.canConvertToLong()) {
            return " that fits in 64 bits (at most 9223372036854775807)";
        }
        if (n.isFloatingPointNumber() && Math.abs(n.asDouble()) >= 9e15 && Double.isFinite(n.asDouble())) {
            return ", in digits from 9e15 on (an exponent such as 1e16 is not exact)";
        }
        return "";
    }

    static String integerRange(long min, long max) {
        if (max >= Integer.MAX_VALUE && min <= Integer.MIN_VALUE) {
            return "an integer";
        }
        if (max >= Integer.MAX_VALUE) {
            return "an integer >= " + min;
        }
        return "an integer from " + min + " to " + max;
    }

    static String numberRange(double min, boolean lowOpen, double max, boolean highOpen) {
        if (Double.isInfinite(max)) {
            return "a number " + (lowOpen ? "> " : ">= ") + plain(min);
        }
        return "a number in " + (lowOpen ? "(" : "[") + plain(min) + ", " + plain(max) + (highOpen ? ")" : "]");
    }

    private static String plain(double v) {
        return QuantityFormat.plain(v);
    }

    /**
     * A quantity with a unit, parsed by one of the {@link Units} methods; {@code positive}
     * rejects zero. Its message (what is allowed) becomes the problem's allowed text.
     */
    <T extends Number> T quantity(String key, T defaultValue, Function<String, T> parser, String unitsText,
                                  boolean positive) {
        String allowed = (positive ? "more than zero: " : "") + unitsText;
        Cursor c = defaultValue == null ? require(key, allowed) : field(key);
        if (c == null) {
            return null;
        }
        if (!c.present()) {
            return defaultValue;
        }
        return c.quantity(parser, unitsText, positive);
    }

    <T extends Number> T quantity(Function<String, T> parser, String unitsText, boolean positive) {
        String allowed = (positive ? "more than zero: " : "") + unitsText;
        return quantity(parser, allowed, v -> positive ? v > 0 : v >= 0);
    }

    /**
     * A quantity with a unit, parsed by one of the {@link Units} methods, that must satisfy
     * {@code inRange}; any problem (no unit, a wrong unit, out of range) says {@code allowed}.
     */
    <T extends Number> T quantity(Function<String, T> parser, String allowed, DoublePredicate inRange) {
        if (!node.isTextual()) {
            // A bare number has no unit, and guessing one (seconds? bytes?) would hide mistakes.
            problem(found() + (node.isNumber() ? " (no unit)" : ""), allowed);
            return null;
        }
        T value;
        try {
            value = parser.apply(node.asText());
        } catch (IllegalArgumentException e) {
            problem(found(), allowed);
            return null;
        }
        double v = value.doubleValue();
        if (!Double.isFinite(v) || !inRange.test(v)) {
            problem(found(), allowed);
            return null;
        }
        return value;
    }

    /** This node as a name: non-blank, trimmed, at most {@code maxChars} characters, no control characters. */
    String name(String allowed, int maxChars) {
        String s = string(allowed);
        if (s == null) {
            return null;
        }
        // Checked on the text less its blanks only: trim() would also drop a leading escape character.
        if (s.length() > maxChars || hasControl(node.asText().strip(), false)) {
            problem(found(), allowed);
            return null;
        }
        return s;
    }

    /** This node as a text for people: at most {@code maxChars}, line breaks and tabs allowed, trimmed. */
    String prose(String allowed, int maxChars, boolean blankToo) {
        if (node == null || !node.isTextual() || !blankToo && node.asText().isBlank()) {
            problem(found(), allowed);
            return null;
        }
        String s = node.asText().trim();
        if (s.length() > maxChars || hasControl(node.asText().strip(), true)) {
            problem(found(), allowed);
            return null;
        }
        return s;
    }

    private static boolean hasControl(String s, boolean lineBreaksToo) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (lineBreaksToo && (c == '\n' || c == '\t' || c == '\r')) {
                continue;
            }
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                return true;
            }
        }
        return false;
    }
}
