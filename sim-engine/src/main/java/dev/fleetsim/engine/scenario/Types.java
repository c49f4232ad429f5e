package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.scenario.ValueType.Scalar;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The value types of scenario keys. Each knows its allowed text (the exact words a problem
 * shows), how it is written back, and its JSON Schema, so the three cannot drift apart. Quantities
 * with units (sizes, durations, bandwidths, prices) are in {@link QuantityTypes}.
 */
final class Types {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    static <T> Scalar<T> scalar(String allowed, Function<Cursor, T> read, Function<T, JsonNode> write,
                                        Function<SchemaContext, ObjectNode> schema) {
        return scalar(allowed, null, read, write, schema);
    }

    /** A scalar whose values are bounded; {@code range} is how the format reference states the bounds. */
    static <T> Scalar<T> scalar(String allowed, String range, Function<Cursor, T> read,
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
