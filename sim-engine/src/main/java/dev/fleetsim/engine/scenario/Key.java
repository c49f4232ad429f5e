package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.ValueType.Scalar;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One key of a scenario section, declared once: its name, value type, whether it is required
 * or what it defaults to, how the resolved scenario gets its value from the spec record, and a
 * one-line description. The reader, the writer, the unknown-key messages, the JSON Schema and
 * the format reference's test all take the key from here. Made by {@link Section#key}.
 *
 * @param <R> the spec record of the section ({@code FabricSpec})
 * @param <T> the value as that record holds it
 */
final class Key<R, T> {

    /** What an absent key means. */
    enum Presence {
        /** A problem ("found nothing"). */
        REQUIRED,
        /** The declared default value. */
        DEFAULT,
        /** Nothing: the record holds an empty value (no horizon, any GPU type). */
        OPTIONAL,
        /** A value the reader works out from other keys or a base entry, passed to {@link #read(Cursor, Object)}. */
        COMPUTED
    }

    private final String name;
    private final ValueType<T> type;
    private final Presence presence;
    private final T defaultValue;
    private final String defaultDoc;
    private final Function<R, T> getter;
    private final String doc;
    private final String notInTemplate;

    private Key(Builder<R, T> b, String doc) {
        this.name = b.name;
        this.type = b.type;
        this.presence = b.presence;
        this.defaultValue = b.defaultValue;
        this.defaultDoc = b.defaultDoc != null ? b.defaultDoc : autoDefaultDoc(b);
        this.getter = b.getter;
        this.doc = doc;
        this.notInTemplate = b.notInTemplate;
    }

    String name() {
        return name;
    }

    ValueType<T> type() {
        return type;
    }

    Presence presence() {
        return presence;
    }

    /** The value an absent key reads as; null unless {@link Presence#DEFAULT}. */
    T defaultValue() {
        return defaultValue;
    }

    /** The default as the format reference's table gives it: {@code `4`}, {@code required}, {@code the model's}. */
    String defaultDoc() {
        return defaultDoc;
    }

    String doc() {
        return doc;
    }

    /** Whether the resolved scenario writes this key (some are read only: {@code tokens} is written as iterations). */
    boolean written() {
        return getter != null;
    }

    /** Why a generator's job template may not have this key; null when it may. */
    String notInTemplate() {
        return notInTemplate;
    }

    /** The cursor at this key under {@code parent}, for readers that check more than the type. */
    Cursor at(Cursor parent) {
        return parent.field(name);
    }

    /** The value under {@code parent}: the default, null (optional), or a reported problem when absent and required. */
    T read(Cursor parent) {
        if (presence == Presence.COMPUTED) {
            throw new IllegalStateException(name + " has a computed default: read it with read(cursor, fallback)");
        }
        return read(parent, defaultValue);
    }

    /** The value under {@code parent}, or {@code fallback} when absent; a null fallback makes it required here. */
    T read(Cursor parent, T fallback) {
        if (!(type instanceof Scalar)) {
            throw new IllegalStateException(name + " is a map or list; its section's reader reads it");
        }
        Cursor at = at(parent);
        if (!at.present()) {
            if (fallback == null && presence != Presence.OPTIONAL) {
                at.problem(at.found(), type.allowed());
            }
            return fallback;
        }
        return ((Scalar<T>) type).read(at);
    }

    /** Writes the record's value under this key's name; an empty value (no getter, or null) writes nothing. */
    void write(ObjectNode out, R record) {
        T value = getter == null ? null : getter.apply(record);
        if (value != null) {
            out.set(name, type.write(value));
        }
    }

    /** The key's JSON Schema: its type's, with the description and default editors show. */
    ObjectNode schema(SchemaContext context) {
        ObjectNode typeSchema = type.schema(context);
        ObjectNode s = Types.NODES.objectNode();
        String range = type instanceof Scalar ? ((Scalar<T>) type).range() : null;
        // A quantity is a string to the schema, so its bounds can only be said, not checked, there.
        s.put("description", range == null ? doc : doc + " (" + range + ")");
        if (typeSchema.has("$ref")) {
            // A draft-07 $ref ignores its siblings, so the description goes beside it, not with it.
            s.putArray("allOf").add(typeSchema);
        } else {
            s.setAll(typeSchema);
        }
        if (presence == Presence.DEFAULT) {
            s.set("default", type.write(defaultValue));
        }
        return s;
    }

    private static <R, T> String autoDefaultDoc(Builder<R, T> b) {
        switch (b.presence) {
            case REQUIRED:
                return "required";
            case DEFAULT:
                return "`" + plain(b.type.write(b.defaultValue)) + "`";
            default:
                throw new IllegalStateException(b.name + ": an optional or computed key needs the text of its default");
        }
    }

    /** A written value as the reference's tables show it: {@code 5 us}, {@code 1}, {@code [default]}, {@code ""}. */
    static String plain(JsonNode n) {
        if (n.isTextual()) {
            return n.asText().isEmpty() ? "\"\"" : n.asText();
        }
        if (n.isFloatingPointNumber()) {
            return QuantityFormat.plain(n.asDouble());
        }
        if (n.isArray() || n.isObject()) {
            List<String> parts = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(item -> parts.add(plain(item)));
                return "[" + String.join(", ", parts) + "]";
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                parts.add(e.getKey() + ": " + plain(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return n.asText();
    }

    /** Collects a key's declaration; {@link #doc(String)} ends it and adds the key to its section. */
    static final class Builder<R, T> {
        private final Section<R> section;
        private final String name;
        private final ValueType<T> type;
        private Presence presence;
        private T defaultValue;
        private String defaultDoc;
        private Function<R, T> getter;
        private String notInTemplate;

        Builder(Section<R> section, String name, ValueType<T> type) {
            this.section = section;
            this.name = Objects.requireNonNull(name);
            this.type = Objects.requireNonNull(type);
        }

        Builder<R, T> required() {
            presence = Presence.REQUIRED;
            return this;
        }

        Builder<R, T> byDefault(T value) {
            presence = Presence.DEFAULT;
            defaultValue = Objects.requireNonNull(value);
            return this;
        }

        /** A default whose value the reference shows in other words ({@code `tenant-01` .. `tenant-10`}). */
        Builder<R, T> byDefault(T value, String docText) {
            byDefault(value);
            defaultDoc = docText;
            return this;
        }

        /** Absent = nothing; {@code docText} says what that means ("none: two tiers"). */
        Builder<R, T> optional(String docText) {
            presence = Presence.OPTIONAL;
            defaultDoc = docText;
            return this;
        }

        /** Absent = a value worked out by the reader; {@code docText} says which ("the model's"). */
        Builder<R, T> computed(String docText) {
            presence = Presence.COMPUTED;
            defaultDoc = docText;
            return this;
        }

        /** How the resolved scenario gets the value from the section's record; null = not written. */
        Builder<R, T> get(Function<R, T> recordGetter) {
            getter = recordGetter;
            return this;
        }

        /** A key a listed job has but a generator's job template must not, and why. */
        Builder<R, T> notInTemplate(String reason) {
            notInTemplate = reason;
            return this;
        }

        /** Ends the declaration with the key's one-line description and adds it to the section. */
        Key<R, T> doc(String description) {
            if (presence == null) {
                throw new IllegalStateException(name + ": say whether it is required, its default, or optional");
            }
            Key<R, T> key = new Key<>(this, description);
            section.add(key);
            return key;
        }
    }
}
