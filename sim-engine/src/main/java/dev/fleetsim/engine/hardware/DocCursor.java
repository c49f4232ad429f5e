package dev.fleetsim.engine.hardware;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.files.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A position in a parsed hardware document: its node (possibly absent), its path and the
 * problem list of the whole read. A wrong value records a {@link HardwareProblem} and reads
 * as {@code null}, so the reader goes on and reports everything at once.
 */
final class DocCursor {

    private final JsonNode node;
    private final String path;
    private final List<HardwareProblem> problems;

    private DocCursor(JsonNode node, String path, List<HardwareProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    static DocCursor root(JsonNode node, String path, List<HardwareProblem> problems) {
        return new DocCursor(node, path, problems);
    }

    JsonNode node() {
        return node;
    }

    String path() {
        return path;
    }

    boolean present() {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    DocCursor field(String key) {
        String k = key.length() <= Echo.MAX_CHARS && key.matches("[A-Za-z0-9_.-]+") ? key : Echo.quoted(key);
        return new DocCursor(node == null ? null : node.get(key), path.isEmpty() ? k : path + "." + k, problems);
    }

    int mark() {
        return problems.size();
    }

    boolean cleanSince(int mark) {
        return problems.size() == mark;
    }

    void problem(String found, String allowed) {
        problems.add(new HardwareProblem(path.isEmpty() ? "(document)" : path, found, allowed));
    }

    String found() {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return Echo.quoted(node.asText());
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            return "a map {" + Echo.plain(String.join(", ", keys)) + "}";
        }
        if (node.isArray()) {
            return "a list of " + node.size();
        }
        return node.asText();
    }

    /** Checks this is a map with only allowed keys (an unknown one is reported with the closest). */
    boolean map(Collection<String> allowed, String what) {
        if (node == null || !node.isObject()) {
            problem(found(), what);
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                field(key).problem("unknown key " + Echo.quoted(key), "a key of " + what + ": " + Suggestions.oneOf(key, allowed));
            }
        }
        return true;
    }

    /** The entries of a map keyed by names, in document order. */
    Map<String, DocCursor> entries(String what) {
        Map<String, DocCursor> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            problem(found(), what);
            return out;
        }
        node.fieldNames().forEachRemaining(k -> out.put(k, field(k)));
        return out;
    }

    List<DocCursor> list(String what) {
        List<DocCursor> out = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problem(found(), what);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new DocCursor(node.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    /** A required child: reports "found nothing" when absent. */
    DocCursor require(String key, String allowed) {
        DocCursor c = field(key);
        if (!c.present()) {
            c.problem(c.found(), allowed);
            return null;
        }
        return c;
    }

    String string(String allowed) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            problem(found(), allowed);
            return null;
        }
        return node.asText().trim();
    }

    String requiredString(String key, String allowed) {
        DocCursor c = require(key, allowed);
        return c == null ? null : c.string(allowed);
    }

    String optionalString(String key, String allowed) {
        DocCursor c = field(key);
        return c.present() ? c.string(allowed) : null;
    }

    /** A number in [min, max] ({@code lowOpen} excludes min); required when {@code defaultValue} is null. */
    Double number(String key, Double defaultValue, double min, boolean lowOpen, double max) {
        String allowed = (Double.isInfinite(max) ? "a number " + (lowOpen ? "> " : ">= ") + plain(min)
                : "a number in " + (lowOpen ? "(" : "[") + plain(min) + ", " + plain(max) + "]");
        DocCursor c = defaultValue == null ? require(key, allowed) : field(key);
        if (c == null) {
            return null;
        }
        if (!c.present()) {
            return defaultValue;
        }
        return c.number(min, lowOpen, max, allowed);
    }

    Double number(double min, boolean lowOpen, double max, String allowed) {
        if (!node.isNumber()) {
            problem(found(), allowed);
            return null;
        }
        double v = node.asDouble();
        if (!Double.isFinite(v) || (lowOpen ? v <= min : v < min) || v > max) {
            problem(found(), allowed);
            return null;
        }
        return v;
    }

    /** A whole number in [min, max]; required when {@code defaultValue} is null. */
    Long integer(String key, Long defaultValue, long min, long max) {
        String allowed = max == Long.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
        DocCursor c = defaultValue == null ? require(key, allowed) : field(key);
        if (c == null) {
            return null;
        }
        if (!c.present()) {
            return defaultValue;
        }
        return c.integer(min, max, allowed);
    }

    Long integer(long min, long max, String allowed) {
        boolean whole = node.isIntegralNumber() && node.canConvertToLong()
                || node.isFloatingPointNumber() && node.asDouble() == Math.rint(node.asDouble())
                && Math.abs(node.asDouble()) < 9e15;
        if (!whole || node.asLong() < min || node.asLong() > max) {
            problem(found(), allowed);
            return null;
        }
        return node.asLong();
    }

    /** A quantity with a unit parsed by a {@link Quantities} method; required when {@code defaultValue} is null. */
    <T extends Number> T quantity(String key, T defaultValue, Function<String, T> parser, String units, boolean positive) {
        String allowed = (positive ? "more than zero: " : "") + units;
        DocCursor c = defaultValue == null ? require(key, allowed) : field(key);
        if (c == null) {
            return null;
        }
        if (!c.present()) {
            return defaultValue;
        }
        if (!c.node.isTextual()) {
            c.problem(c.found() + (c.node.isNumber() ? " (no unit)" : ""), allowed);
            return null;
        }
        try {
            T value = parser.apply(c.node.asText());
            if (positive ? value.doubleValue() <= 0 : value.doubleValue() < 0) {
                c.problem(c.found(), allowed);
                return null;
            }
            return value;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            c.problem(c.found(), message.startsWith("expected ") ? message.substring("expected ".length()) : message);
            return null;
        }
    }

    /**
     * As {@link #quantity(String, Number, Function, String, boolean)}, the value also within
     * [{@code min}, {@code max}]; {@code range} says the bounds in words ("1 MB/s to 1000 TB/s"),
     * in the message before the units, so an overflowing "1e300 GB/s" is a problem, not an internal error.
     */
    <T extends Number> T quantity(String key, T defaultValue, Function<String, T> parser, String units, double min,
                                  double max, String range) {
        String allowed = "from " + range + ": " + units;
        T value = quantity(key, defaultValue, parser, allowed, false);
        if (value == null || value == defaultValue) {
            return value;
        }
        double v = value.doubleValue();
        if (!(v >= min && v <= max)) {
            field(key).problem(field(key).found(), allowed);
            return null;
        }
        return value;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
