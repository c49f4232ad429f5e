package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.ValueType.Scalar;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
        return scalar(wide.allowed(), at -> {
            Long v = wide.read(at);
            return v == null ? null : v.intValue();
        }, NODES::numberNode, context -> wide.schema(context));
    }

    /** A whole number in [min, max]; {@code 2.0} counts as whole, {@code "2"} does not. */
    static Scalar<Long> longInteger(long min, long max) {
        return scalar(Cursor.integerRange(min, max), at -> at.integer(min, max), NODES::numberNode, context -> {
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
        return scalar(allowed, at -> {
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

    /** A non-blank text, trimmed; numbers and booleans are not silently turned into names. */
    static Scalar<String> text(String allowed) {
        return scalar(allowed, at -> at.string(allowed), NODES::textNode,
                context -> NODES.objectNode().put("type", "string").put("pattern", "\\S"));
    }

    /** Any text, the empty one included, trimmed. */
    static Scalar<String> anyText(String allowed) {
        return scalar(allowed, at -> {
            if (!at.node().isTextual()) {
                at.problem(at.found(), allowed);
                return null;
            }
            return at.node().asText().trim();
        }, NODES::textNode, context -> NODES.objectNode().put("type", "string"));
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
        String allowed = "one of " + String.join(", ", options.keySet());
        return scalar(allowed, at -> {
            if (at.node().isTextual()) {
                E value = options.get(at.node().asText().trim().toLowerCase(Locale.ROOT));
                if (value != null) {
                    return value;
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
                    .map(Types::caseless).collect(Collectors.joining("|")) + ")\\s*$");
            return s;
        });
    }

    /** {@code type}, or null where a null means something (a precision removed from a base entry). */
    static <T> Scalar<T> orNull(Scalar<T> type) {
        return scalar(type.allowed(), type::read, type::write, context -> {
            ObjectNode s = type.schema(context);
            s.set("type", strings(List.of(s.get("type").asText(), "null")));
            return s;
        });
    }

    // ---- quantities with units ------------------------------------------------------------

    static Scalar<Long> duration(boolean positive) {
        return quantity(Units::durationNs, Units.DURATION_UNITS, positive, QuantityFormat::duration,
                Units.DURATION_NS.keySet());
    }

    static Scalar<Long> size() {
        return quantity(Units::bytes, Units.BYTES_UNITS, true, QuantityFormat::bytes, Units.BYTES.keySet());
    }

    /** A bandwidth written back in bytes (HBM, NVLink, PCIe: "3.35 TB/s"). */
    static Scalar<Double> memoryBandwidth(boolean positive) {
        return quantity(Units::bandwidthBytesPerS, Units.BANDWIDTH_UNITS, positive, QuantityFormat::memoryBandwidth,
                Units.BANDWIDTH_BYTES_PER_S.keySet());
    }

    /** A bandwidth written back in bits (NICs: "400 Gb/s"). */
    static Scalar<Double> networkBandwidth(boolean positive) {
        return quantity(Units::bandwidthBytesPerS, Units.BANDWIDTH_UNITS, positive, QuantityFormat::networkBandwidth,
                Units.BANDWIDTH_BYTES_PER_S.keySet());
    }

    static Scalar<Double> power(boolean positive) {
        return quantity(Units::watts, Units.POWER_UNITS, positive, QuantityFormat::watts, Units.POWER_W.keySet());
    }

    /** A price in the field's one unit ({@code USD/h}, {@code USD/kWh}); ≥ 0; the unit may be left out. */
    static Scalar<Double> price(String unit, String allowed) {
        Scalar<Double> q = quantity(t -> Units.usdPer(t, unit), allowed, false, v -> QuantityFormat.price(v, unit),
                List.of());
        return scalar(q.allowed(), q::read, q::write, context -> NODES.objectNode().put("type", "string")
                .put("pattern", "^\\s*" + DECIMAL + "\\s*(" + caseless(unit) + ")?\\s*$"));
    }

    /** A token count: a plain number, or a string with a K/M/B/T suffix; 1 to 10^18. */
    static Scalar<Double> tokenCount() {
        String range = "a token count from 1 to 1e18";
        return scalar(range, at -> {
            Double count = at.node().isNumber() ? Double.valueOf(at.node().asDouble())
                    : at.quantity(Units::count, Units.COUNT_UNITS, true);
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

    private static <T extends Number> Scalar<T> quantity(Function<String, T> parser, String unitsText, boolean positive,
                                                         Function<T, String> format, Collection<String> units) {
        String allowed = (positive ? "more than zero: " : "") + unitsText;
        // Longest first, so that an alternation never stops at a unit's prefix ("m" of "min").
        List<String> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        String pattern = "^\\s*" + DECIMAL + "\\s*(" + String.join("|", sorted) + ")\\s*$";
        return scalar(allowed, at -> at.quantity(parser, unitsText, positive), v -> NODES.textNode(format.apply(v)),
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
        return new Declared<>(allowed, write, schema, List.of(sections));
    }

    static ObjectNode ref(Section<?> section) {
        return NODES.objectNode().put("$ref", "#/definitions/" + section.id());
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** A regular expression matching {@code word} in any case: "bf16" -> "[bB][fF]16". */
    private static String caseless(String word) {
        StringBuilder b = new StringBuilder();
        for (char ch : word.toCharArray()) {
            char lower = Character.toLowerCase(ch);
            char upper = Character.toUpperCase(ch);
            if (lower != upper) {
                b.append('[').append(lower).append(upper).append(']');
            } else if ("\\^$.|?*+()[]{}".indexOf(ch) >= 0) {
                b.append('\\').append(ch);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static <T> Scalar<T> scalar(String allowed, Function<Cursor, T> read, Function<T, JsonNode> write,
                                        Function<SchemaContext, ObjectNode> schema) {
        return new DeclaredScalar<>(allowed, read, write, schema);
    }

    /** A type made of its parts. */
    private static class Declared<T> implements ValueType<T> {
        private final String allowed;
        private final Function<T, JsonNode> write;
        private final Function<SchemaContext, ObjectNode> schema;
        private final List<Section<?>> sections;

        Declared(String allowed, Function<T, JsonNode> write, Function<SchemaContext, ObjectNode> schema,
                 List<Section<?>> sections) {
            this.allowed = Objects.requireNonNull(allowed);
            this.write = write;
            this.schema = schema;
            this.sections = sections;
        }

        @Override
        public String allowed() {
            return allowed;
        }

        @Override
        public JsonNode write(T value) {
            return write.apply(value);
        }

        @Override
        public ObjectNode schema(SchemaContext context) {
            return schema.apply(context);
        }

        @Override
        public List<Section<?>> sections() {
            return sections;
        }
    }

    private static final class DeclaredScalar<T> extends Declared<T> implements Scalar<T> {
        private final Function<Cursor, T> read;

        DeclaredScalar(String allowed, Function<Cursor, T> read, Function<T, JsonNode> write,
                       Function<SchemaContext, ObjectNode> schema) {
            super(allowed, write, schema, List.of());
            this.read = read;
        }

        @Override
        public T read(Cursor at) {
            return read.apply(at);
        }
    }
}
