package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.ValueType.Scalar;
import dev.fleetsim.engine.kernel.SimTime;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The value types of scenario keys. Each knows its allowed text (the exact words a problem
 * shows), how it is written back, and its JSON Schema, so the three cannot drift apart.
 */
final class Types {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A decimal as {@link Units} reads it: digits, an optional fraction, an optional exponent. */
    private static final String DECIMAL = "[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?";

    private Types() {
    }

    // ---- numbers, names, switches ---------------------------------------------------------

    static Scalar<Integer> integer(int min, int max) {
        Scalar<Long> wide = longInteger(min, max);
        return scalar(wide.allowed(), wide.range(), at -> {
            Long v = wide.read(at);
            return v == null ? null : v.intValue();
        }, NODES::numberNode, context -> wide.schema(context));
    }

    /** A whole number in [min, max]; {@code 2.0} counts as whole, {@code "2"} does not. */
    static Scalar<Long> longInteger(long min, long max) {
        return scalar(Cursor.integerRange(min, max), integerRangeDoc(min, max), at -> at.integer(min, max),
                NODES::numberNode, context -> {
            ObjectNode s = NODES.objectNode().put("type", "integer");
            if (min > Long.MIN_VALUE) {
                s.put("minimum", min);
            }
            if (max < Long.MAX_VALUE) {
                s.put("maximum", max);
            }
            return s;
        });
    }

    /** A number in a range; {@code lowOpen}/{@code highOpen} exclude the bound; the high bound may be infinite. */
    static Scalar<Double> number(double min, boolean lowOpen, double max, boolean highOpen) {
        String allowed = Cursor.numberRange(min, lowOpen, max, highOpen);
        String range = Double.isInfinite(max) ? (lowOpen ? "> " : "≥ ") + QuantityFormat.plain(min)
                : (lowOpen ? "(" : "[") + QuantityFormat.plain(min) + ", " + QuantityFormat.plain(max) + (highOpen ? ")" : "]");
        return scalar(allowed, range, at -> {
            if (!at.node().isNumber()) {
                at.problem(at.found(), allowed);
                return null;
            }
            double v = at.node().asDouble();
            boolean aboveLow = lowOpen ? v > min : v >= min;
            boolean belowHigh = highOpen ? v < max : v <= max;
            if (!(aboveLow && belowHigh) || !Double.isFinite(v)) {
                at.problem(at.found(), allowed);
                return null;
            }
            return v;
        }, NODES::numberNode, context -> {
            ObjectNode s = NODES.objectNode().put("type", "number").put(lowOpen ? "exclusiveMinimum" : "minimum", min);
            if (Double.isFinite(max)) {
                s.put(highOpen ? "exclusiveMaximum" : "maximum", max);
            }
            return s;
        });
    }

    static Scalar<Boolean> bool() {
        String allowed = "true or false";
        return scalar(allowed, at -> {
            if (!at.node().isBoolean()) {
                at.problem(at.found(), allowed);
                return null;
            }
            return at.node().asBoolean();
        }, NODES::booleanNode, context -> NODES.objectNode().put("type", "boolean"));
    }

    /** The longest name (of a scenario, a job, a tenant, a group): it names folders, rows and chart lines. */
    static final int MAX_NAME_CHARS = 100;
    /** The longest description or source note. */
    static final int MAX_TEXT_CHARS = 2_000;

    /** A name: non-blank, trimmed, at most {@link #MAX_NAME_CHARS} characters, no control characters. */
    static Scalar<String> text(String allowed) {
        String full = allowed + " (1 to " + MAX_NAME_CHARS + " characters, no control characters)";
        return scalar(full, at -> at.name(full, MAX_NAME_CHARS), NODES::textNode,
                context -> NODES.objectNode().put("type", "string").put("pattern", "\\S")
                        .put("maxLength", MAX_NAME_CHARS));
    }

    /** A text for people (a description, a source): at most {@link #MAX_TEXT_CHARS}, line breaks allowed. */
    static Scalar<String> prose(String allowed, boolean blankToo) {
        String full = allowed + " (at most " + MAX_TEXT_CHARS + " characters)";
        return scalar(full, at -> at.prose(full, MAX_TEXT_CHARS, blankToo), NODES::textNode, context -> {
            ObjectNode s = NODES.objectNode().put("type", "string").put("maxLength", MAX_TEXT_CHARS);
            return blankToo ? s : s.put("pattern", "\\S");
        });
    }

    /** Any text, the empty one included, trimmed, at most {@link #MAX_TEXT_CHARS} characters. */
    static Scalar<String> anyText(String allowed) {
        return prose(allowed, true);
    }

    /**
     * A name checked elsewhere (against the cluster, the registry) whose usual values an editor
     * should offer: the schema lists {@code known} but accepts any name.
     */
    static Scalar<String> name(String allowed, Function<SchemaContext, Collection<String>> known) {
        Scalar<String> text = text(allowed);
        return scalar(allowed, text::read, NODES::textNode, context -> {
            ObjectNode s = NODES.objectNode();
            ArrayNode anyOf = s.putArray("anyOf");
            anyOf.addObject().set("enum", strings(known.apply(context)));
            anyOf.add(text.schema(context));
            return s;
        });
    }

    /** A name from a fixed set, matched ignoring case and surrounding blanks; a miss lists the set and the closest. */
    static <E> Scalar<E> choice(Map<String, E> options) {
        return choice(options, Map.of());
    }

    /**
     * As {@link #choice(Map)}; a name of {@code unsupported} (a real option of the software the
     * key mirrors that the model does not cost) is refused with its reason before the allowed names.
     */
    static <E> Scalar<E> choice(Map<String, E> options, Map<String, String> unsupported) {
        String allowed = "one of " + String.join(", ", options.keySet());
        return scalar(allowed, at -> {
            if (at.node().isTextual()) {
                String name = at.node().asText().trim().toLowerCase(Locale.ROOT);
                E value = options.get(name);
                if (value != null) {
                    return value;
                }
                if (unsupported.containsKey(name)) {
                    at.problem(at.found() + " (" + unsupported.get(name) + ")", allowed);
                    return null;
                }
            }
            at.problem(at.found(), Suggestions.oneOf(at.node().asText(), options.keySet()));
            return null;
        }, value -> NODES.textNode(options.entrySet().stream().filter(e -> e.getValue().equals(value))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an option: " + value))), context -> {
            ObjectNode s = NODES.objectNode();
            ArrayNode anyOf = s.putArray("anyOf");
            anyOf.addObject().set("enum", strings(options.keySet()));
            anyOf.addObject().put("type", "string").put("pattern", "^\\s*(" + options.keySet().stream()
                    .map(ScenarioSchema::caseless).collect(Collectors.joining("|")) + ")\\s*$");
            return s;
        });
    }

    /** {@code type}, or null where a null means something (a precision removed from a base entry). */
    static <T> Scalar<T> orNull(Scalar<T> type) {
        return scalar(type.allowed(), type.range(), type::read, type::write, context -> {
            ObjectNode s = type.schema(context);
            s.set("type", strings(List.of(s.get("type").asText(), "null")));
            return s;
        });
    }

    // ---- quantities with units ------------------------------------------------------------

    /** The largest bandwidth of any link or memory: 1000 TB/s, far above HBM3e's 8 TB/s. */
    static final double MAX_BANDWIDTH_BYTES_PER_S = 1e15;

    /** A size from 1 B to 1 PB. */
    static Scalar<Long> size() {
        return size(1, 1_000_000_000_000_000L);
    }

    /** A memory bandwidth from 1 MB/s to 1000 TB/s; 0 too unless {@code positive}. */
    static Scalar<Double> memoryBandwidth(boolean positive) {
        return memoryBandwidth(1e6, MAX_BANDWIDTH_BYTES_PER_S, !positive);
    }

    /** A network bandwidth from 1 Mb/s to 100 Tb/s. */
    static Scalar<Double> networkBandwidth(boolean positive) {
        return networkBandwidth(1e6 / 8, 100e12 / 8);
    }

    /** A power from 1 W (0 W unless {@code positive}) to 1 MW. */
    static Scalar<Double> power(boolean positive) {
        return power(positive ? 1 : 0, 1e6);
    }

    /** A price from 0 to 1,000,000 in the field's unit. */
    static Scalar<Double> price(String unit, String allowed) {
        return price(unit, allowed, 1e6);
    }

    /** A duration from 0 (or more than 0) up to the simulated clock's span, {@link SimTime#MAX_NS}. */
    static Scalar<Long> duration(boolean positive) {
        return duration(positive, SimTime.MAX_NS);
    }

    /** A duration from 0 (or more than 0) to {@code maxNs}. */
    static Scalar<Long> duration(boolean positive, long maxNs) {
        String range = range(0, positive, maxNs, v -> QuantityFormat.duration((long) v), "s")
                + (maxNs == SimTime.MAX_NS ? " (" + SimTime.years(maxNs) + ")" : "");
        return quantity(Units::durationNs, Units.DURATION_UNITS, QuantityFormat::duration, Units.DURATION_NS.keySet(),
                range, v -> (positive ? v > 0 : v >= 0) && v <= maxNs);
    }

    /** A size in bytes from {@code min} to {@code max}. */
    static Scalar<Long> size(long min, long max) {
        String range = range(min, false, max, v -> QuantityFormat.bytes((long) v), "B");
        return quantity(Units::bytes, Units.BYTES_UNITS, QuantityFormat::bytes, Units.BYTES.keySet(), range,
                v -> v >= min && v <= max);
    }

    /** A bandwidth written back in bytes (HBM, NVLink, PCIe: "3.35 TB/s"), in [min, max], or also 0 when {@code zeroToo}. */
    static Scalar<Double> memoryBandwidth(double min, double max, boolean zeroToo) {
        String range = (zeroToo ? "0 or " : "") + range(min, false, max, QuantityFormat::memoryBandwidth, "B/s");
        return quantity(Units::bandwidthBytesPerS, Units.BANDWIDTH_UNITS, QuantityFormat::memoryBandwidth,
                Units.BANDWIDTH_BYTES_PER_S.keySet(), range, v -> zeroToo && v == 0 || v >= min && v <= max);
    }

    /** A bandwidth written back in bits (NICs: "400 Gb/s"), in [min, max]. */
    static Scalar<Double> networkBandwidth(double min, double max) {
        String range = range(min, false, max, QuantityFormat::networkBandwidth, "b/s");
        return quantity(Units::bandwidthBytesPerS, Units.BANDWIDTH_UNITS, QuantityFormat::networkBandwidth,
                Units.BANDWIDTH_BYTES_PER_S.keySet(), range, v -> v >= min && v <= max);
    }

    /** A power in watts in [min, max]. */
    static Scalar<Double> power(double min, double max) {
        String range = range(min, false, max, QuantityFormat::watts, "W");
        return quantity(Units::watts, Units.POWER_UNITS, QuantityFormat::watts, Units.POWER_W.keySet(), range,
                v -> v >= min && v <= max);
    }

    /** A price in the field's one unit ({@code USD/h}, {@code USD/kWh}) from 0 to {@code max}; the unit may be left out. */
    static Scalar<Double> price(String unit, String allowed, double max) {
        String range = "0 to " + QuantityFormat.price(max, unit);
        Scalar<Double> q = quantity(t -> Units.usdPer(t, unit), allowed, v -> QuantityFormat.price(v, unit), List.of(),
                range, v -> v >= 0 && v <= max);
        return scalar(q.allowed(), q.range(), q::read, q::write, context -> NODES.objectNode().put("type", "string")
                .put("pattern", "^\\s*" + DECIMAL + "\\s*(" + ScenarioSchema.caseless(unit) + ")?\\s*$"));
    }

    /** A token count: a plain number, or a string with a K/M/B/T suffix; 1 to 10^18. */
    static Scalar<Double> tokenCount() {
        String range = "a token count from 1 to 1e18";
        return scalar(range, "1 to 1e18", at -> {
            Double count = at.node().isNumber() ? Double.valueOf(at.node().asDouble())
                    : at.quantity(Units::count, range, v -> v >= 1 && v <= 1e18);
            if (count == null) {
                return null;
            }
            if (!(count >= 1 && count <= 1e18)) {
                at.problem(at.found(), range);
                return null;
            }
            return count;
        }, NODES::numberNode, context -> {
            ObjectNode s = NODES.objectNode();
            ArrayNode anyOf = s.putArray("anyOf");
            anyOf.addObject().put("type", "number").put("minimum", 1).put("maximum", 1e18);
            anyOf.addObject().put("type", "string").put("pattern", "^\\s*" + DECIMAL + "\\s*[KMBT]?\\s*$");
            return s;
        });
    }

    /** "from 1 Gb/s to 100 Tb/s", "more than 0 s, at most 36500 d": the bounds of a quantity, in its units. */
    private static String range(double min, boolean aboveZero, double max, DoubleFunction<String> format,
                                String zeroUnit) {
        if (aboveZero) {
            return "more than 0 " + zeroUnit + ", at most " + format.apply(max);
        }
        return (min == 0 ? "0 " + zeroUnit : format.apply(min)) + " to " + format.apply(max);
    }

    private static <T extends Number> Scalar<T> quantity(Function<String, T> parser, String unitsText,
                                                         Function<T, String> format, Collection<String> units,
                                                         String range, DoublePredicate inRange) {
        // The message reads "from 1 GB/s to 1000 TB/s: a bandwidth such as ..."; the reference's table "1 GB/s to 1000 TB/s".
        String allowed = (range.startsWith("more") ? range : range.startsWith("0 or ")
                ? "0, or from " + range.substring("0 or ".length()) : "from " + range) + ": " + unitsText;
        // Longest first, so that an alternation never stops at a unit's prefix ("m" of "min").
        List<String> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        String pattern = "^\\s*" + DECIMAL + "\\s*(" + String.join("|", sorted) + ")\\s*$";
        return scalar(allowed, range, at -> at.quantity(parser, allowed, inRange), v -> NODES.textNode(format.apply(v)),
                context -> NODES.objectNode().put("type", "string").put("pattern", pattern));
    }

    // ---- containers -----------------------------------------------------------------------

    /** A nested map of {@code section}'s keys. */
    static <S> ValueType<S> map(Section<S> section) {
        return container(section.what(), section::write, context -> ref(section), section);
    }

    /** A list of maps of {@code section}'s keys. */
    static <S> ValueType<List<S>> list(Section<S> section, String allowed, boolean nonEmpty) {
        return container(allowed, items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(item -> a.add(section.write(item)));
            return a;
        }, context -> {
            ObjectNode s = NODES.objectNode().put("type", "array");
            s.set("items", ref(section));
            if (nonEmpty) {
                s.put("minItems", 1);
            }
            return s;
        }, section);
    }

    /** A map from a name the user chooses (a GPU type) to a map of {@code section}'s keys. */
    static <S> ValueType<Map<String, S>> namedMaps(Section<S> section, String allowed) {
        return container(allowed, entries -> {
            ObjectNode n = NODES.objectNode();
            entries.forEach((name, value) -> n.set(name, section.write(value)));
            return n;
        }, context -> {
            ObjectNode s = NODES.objectNode().put("type", "object");
            s.set("additionalProperties", ref(section));
            return s;
        }, section);
    }

    /** A non-empty list of distinct names (tenants). */
    static ValueType<List<String>> names(String allowed) {
        return container(allowed, names -> {
            ArrayNode a = NODES.arrayNode();
            names.forEach(a::add);
            return a;
        }, context -> {
            ObjectNode s = NODES.objectNode().put("type", "array").put("minItems", 1).put("uniqueItems", true);
            s.putObject("items").put("type", "string").put("pattern", "\\S");
            return s;
        });
    }

    /** A value the reader reads by hand; the declaration gives its writer and schema. */
    static <T> ValueType<T> container(String allowed, Function<T, JsonNode> write,
                                      Function<SchemaContext, ObjectNode> schema, Section<?>... sections) {
        return new DeclaredType<>(allowed, write, schema, List.of(sections));
    }

    static ObjectNode ref(Section<?> section) {
        return NODES.objectNode().put("$ref", "#/definitions/" + section.id());
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static <T> Scalar<T> scalar(String allowed, Function<Cursor, T> read, Function<T, JsonNode> write,
                                        Function<SchemaContext, ObjectNode> schema) {
        return scalar(allowed, null, read, write, schema);
    }

    /** A scalar whose values are bounded; {@code range} is how the format reference states the bounds. */
    private static <T> Scalar<T> scalar(String allowed, String range, Function<Cursor, T> read,
                                        Function<T, JsonNode> write, Function<SchemaContext, ObjectNode> schema) {
        return new DeclaredType.Scalar<T>(allowed, range, read, write, schema);
    }

    /** "1 to 1,000,000", as the reference's tables write an integer range; null when unbounded. */
    private static String integerRangeDoc(long min, long max) {
        if (max >= Integer.MAX_VALUE && min <= Integer.MIN_VALUE) {
            return null;
        }
        if (max >= Integer.MAX_VALUE) {
            return "≥ " + String.format(Locale.ROOT, "%,d", min);
        }
        return String.format(Locale.ROOT, "%,d to %,d", min, max);
    }
}
