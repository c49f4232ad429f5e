package dev.fleetsim.desktop.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scenario format as the form shows it, read from the engine's JSON Schema (generated from
 * the keys the loader declares, so a key the engine adds appears in the form without a change
 * here): every section's keys in format order with their kind, choices, default and one-line
 * description; lists of maps (node groups, jobs, generators), maps by name (hardware) and free
 * parameters (policy params).
 */
public final class FormSchema {

    /** What a key holds. */
    public sealed interface Shape permits Scalar, Obj, ListOf, Either, NameOrShape {
        String description();
    }

    /** How a scalar is edited. {@code LIST} is a list of scalars, edited as comma-separated text. */
    public enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, LIST }

    /**
     * @param options the values offered (a catalogue's names, an enum)
     * @param open whether other values are allowed too (a GPU type defined in the file, a user's policy)
     * @param defaultText the default as the file would write it; empty when there is none
     */
    public record Scalar(Kind kind, List<String> options, boolean open, String defaultText, String description)
            implements Shape {
        public Scalar {
            options = List.copyOf(options);
        }
    }

    /** A key of a map, required or not. */
    public record Property(String name, Shape shape, boolean required) {
    }

    /**
     * A map: its declared keys, and what any other key holds ({@code additional}: a shape such as
     * a GPU type's, or null), or {@code freeValues} for parameters of any name and scalar value.
     */
    public record Obj(String description, List<Property> properties, Shape additional, boolean freeValues) implements Shape {
        public Obj {
            properties = List.copyOf(properties);
        }

        public Optional<Property> property(String name) {
            return properties.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /** A list of maps. */
    public record ListOf(Shape items, String description) implements Shape {
    }

    /** A map whose keys depend on one key's value ({@code kind: trace} generators against mix ones). */
    public record Either(String key, String value, Shape then, Shape otherwise, String description) implements Shape {
        /** The shape an item with these keys takes. */
        public Shape pick(Optional<String> keyValue) {
            return keyValue.filter(value::equals).isPresent() ? then : otherwise;
        }
    }

    /** A catalogue name or an inline map ({@code model}). */
    public record NameOrShape(Scalar name, Obj shape, String description) implements Shape {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode definitions;
    private final Obj root;

    private FormSchema(JsonNode schema) {
        this.definitions = schema.path("definitions");
        this.root = (Obj) shape(schema, "", new HashSet<>());
    }

    /** Reads the schema {@code fleetsim schema} prints. */
    public static FormSchema of(String schemaJson) {
        try {
            return new FormSchema(JSON.readTree(schemaJson));
        } catch (IOException e) {
            throw new UncheckedIOException("the engine's schema is JSON", e);
        }
    }

    /** The top level of a scenario: name, description and the sections. */
    public Obj root() {
        return root;
    }

    private Shape shape(JsonNode s, String description, Set<String> refs) {
        String doc = s.has("description") ? s.get("description").asText() : description;
        if (s.has("$ref")) {
            String name = s.get("$ref").asText().replace("#/definitions/", "");
            if (!refs.add(name)) {
                return new Scalar(Kind.TEXT, List.of(), true, "", doc);
            }
            Shape out = shape(definitions.path(name), doc, refs);
            refs.remove(name);
            return out;
        }
        if (s.has("allOf") && s.get("allOf").size() == 1) {
            return shape(s.get("allOf").get(0), doc, refs);
        }
        if (s.has("if") && s.has("then")) {
            Map.Entry<String, JsonNode> cond = s.get("if").path("properties").properties().iterator().next();
            return new Either(cond.getKey(), cond.getValue().path("const").asText(), shape(s.get("then"), doc, refs),
                    shape(s.path("else"), doc, refs), doc);
        }
        if (s.has("anyOf") && !s.has("properties")) {
            return anyOf(s, doc, refs);
        }
        if (s.has("enum")) {
            return new Scalar(Kind.TEXT, texts(s.get("enum")), false, defaultText(s), doc);
        }
        String type = s.path("type").isTextual() ? s.get("type").asText() : "";
        switch (type) {
            case "object":
                return object(s, doc, refs);
            case "array":
                JsonNode items = s.path("items");
                Shape item = shape(items, "", refs);
                if (item instanceof Scalar) {
                    Scalar i = (Scalar) item;
                    return new Scalar(Kind.LIST, i.options(), i.open(), defaultText(s), doc);
                }
                return new ListOf(item, doc);
            case "integer":
                return new Scalar(Kind.INTEGER, List.of(), true, defaultText(s), doc);
            case "number":
                return new Scalar(Kind.NUMBER, List.of(), true, defaultText(s), doc);
            case "boolean":
                return new Scalar(Kind.BOOLEAN, List.of("true", "false"), false, defaultText(s), doc);
            default:
                return new Scalar(Kind.TEXT, List.of(), true, defaultText(s), doc);
        }
    }

    private Shape anyOf(JsonNode s, String doc, Set<String> refs) {
        List<String> options = new ArrayList<>();
        boolean open = false;
        Obj object = null;
        Kind kind = Kind.TEXT;
        for (JsonNode alt : s.get("anyOf")) {
            if (alt.has("enum")) {
                options.addAll(texts(alt.get("enum")));
                continue;
            }
            Shape a = shape(alt, doc, refs);
            if (a instanceof Obj) {
                object = (Obj) a;
            } else if (a instanceof Scalar) {
                // a pattern spelling the choices in any case ("^\s*(fp32|...)\s*$") opens nothing new
                String pattern = alt.path("pattern").asText("");
                open |= !pattern.startsWith("^\\s*(");
                if (((Scalar) a).kind() != Kind.TEXT) {
                    kind = ((Scalar) a).kind();
                }
            }
        }
        Scalar name = new Scalar(kind, options, open || object != null, defaultText(s), doc);
        return object != null ? new NameOrShape(name, object, doc) : name;
    }

    private Obj object(JsonNode s, String doc, Set<String> refs) {
        Set<String> required = new HashSet<>(texts(s.path("required")));
        List<Property> props = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            props.add(new Property(p.getKey(), shape(p.getValue(), "", refs), required.contains(p.getKey())));
        }
        JsonNode extra = s.path("additionalProperties");
        Shape additional = null;
        boolean free = false;
        if (extra.isObject()) {
            if (extra.has("$ref") || "object".equals(extra.path("type").asText())) {
                additional = shape(extra, "", refs);
            } else {
                free = true;
            }
        }
        return new Obj(doc, props, additional, free);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String defaultText(JsonNode s) {
        JsonNode d = s.path("default");
        if (d.isMissingNode() || d.isNull()) {
            return "";
        }
        if (d.isArray()) {
            return String.join(", ", texts(d));
        }
        return d.isContainerNode() ? d.toString() : d.asText();
    }
}
