package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A map of a scenario file (the fabric, a job, a hardware entry) as the list of its
 * {@link Key}s in format order. It names the keys that unknown-key messages list and suggest
 * from, writes a spec record back key by key, and gives its JSON Schema. A job template is the
 * job section cut down: {@link #template} keeps the keys without a {@code notInTemplate} reason
 * and reports those as misplaced with the reason.
 *
 * <p>Keys are added while the declaring class initialises (see {@link ScenarioKeys}), and
 * never after, so the lists are fixed by the time a reader uses them.
 *
 * @param <R> the spec record the section reads into and writes from
 */
final class Section<R> {

    /** How {@link #what()} names the section in a message. */
    enum Listing {
        /** The label alone: "a job". */
        LABEL,
        /** "the fabric (kind, nodesPerLeaf, ...)". */
        PARENS,
        /** "a parallel layout {tp, pp, dp}"; a key holding a braced section shows its keys too. */
        BRACES,
        /** "a map of achieved fractions of peak: matmul, memory, nvlink, nic". */
        COLON
    }

    static {
        // Before the first table's lambdas are made, so that the class-data archive keeps them.
        KeyHosts.link();
    }

    private final String id;
    private final String label;
    private final Listing listing;
    private final List<Key<R, ?>> own = new ArrayList<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();
    private final List<List<String>> exactlyOne = new ArrayList<>();
    private final List<List<String>> atLeastOne = new ArrayList<>();
    /** The job section a template is cut from; null for a section with keys of its own. */
    private final Section<R> full;

    private Section(String id, String label, Listing listing, Section<R> full) {
        this.id = id;
        this.label = label;
        this.listing = listing;
        this.full = full;
    }

    /** A section; {@code id} names its definition in the JSON Schema. */
    static <R> Section<R> of(String id, String label, Listing listing) {
        return new Section<>(id, label, listing, null);
    }

    /** This section without its {@code notInTemplate} keys, which it reports with their reasons. */
    Section<R> template(String templateId, String templateLabel) {
        return new Section<>(templateId, templateLabel, Listing.LABEL, this);
    }

    /** A key of another section that is not valid here, reported with {@code reason} rather than as unknown. */
    Section<R> rejecting(String key, String reason) {
        rejected.put(key, reason);
        return this;
    }

    /** Starts the declaration of a key; see {@link Key.Builder}. */
    <T> Key.Builder<R, T> key(String name, ValueType<T> type) {
        if (full != null) {
            throw new IllegalStateException("a template takes its keys from " + full.id);
        }
        return new Key.Builder<>(this, name, type);
    }

    void add(Key<R, ?> key) {
        if (names().contains(key.name())) {
            throw new IllegalStateException(id + " declares " + key.name() + " twice");
        }
        own.add(key);
    }

    /** For the schema: exactly one of these keys is given (the reader checks it with its own message). */
    void exactlyOneOf(Key<?, ?>... keys) {
        exactlyOne.add(names(keys));
    }

    /** For the schema: at least one of these keys is given (the reader checks it with its own message). */
    void atLeastOneOf(Key<?, ?>... keys) {
        atLeastOne.add(names(keys));
    }

    String id() {
        return id;
    }

    List<Key<R, ?>> keys() {
        if (full == null) {
            return Collections.unmodifiableList(own);
        }
        return full.keys().stream().filter(k -> k.notInTemplate() == null).collect(Collectors.toUnmodifiableList());
    }

    List<String> names() {
        return keys().stream().map(Key::name).collect(Collectors.toUnmodifiableList());
    }

    /** Keys valid elsewhere but not here, with the reason. */
    Map<String, String> rejected() {
        if (full == null) {
            return Collections.unmodifiableMap(rejected);
        }
        Map<String, String> out = new LinkedHashMap<>();
        full.keys().stream().filter(k -> k.notInTemplate() != null).forEach(k -> out.put(k.name(), k.notInTemplate()));
        return out;
    }

    /** The section's name without its keys: "the fabric", "a job". */
    String label() {
        return label;
    }

    /** How messages name the section: "the fabric (kind, nodesPerLeaf, ...)", "a job". */
    String what() {
        switch (listing) {
            case PARENS:
                return label + " (" + keyList() + ")";
            case BRACES:
                return label + " " + braced();
            case COLON:
                return label + ": " + keyList();
            default:
                return label;
        }
    }

    /** The keys as "{a, b, c {x, y}}": a key holding a braced section shows that section's keys. */
    String braced() {
        List<String> parts = new ArrayList<>();
        for (Key<R, ?> k : keys()) {
            String part = k.name();
            for (Section<?> inner : k.type().sections()) {
                if (inner.listing == Listing.BRACES) {
                    part += " " + inner.braced();
                }
            }
            parts.add(part);
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** The keys as "a, b, c". */
    String keyList() {
        return String.join(", ", names());
    }

    /** The record as a map of every written key, in format order. */
    ObjectNode write(R record) {
        return write(record, Map.of());
    }

    /** As {@link #write(Object)}, with the nodes in {@code given} in place of the keys they name. */
    ObjectNode write(R record, Map<String, JsonNode> given) {
        ObjectNode n = Types.NODES.objectNode();
        for (Key<R, ?> k : keys()) {
            if (given.containsKey(k.name())) {
                n.set(k.name(), given.get(k.name()));
            } else {
                k.write(n, record);
            }
        }
        return n;
    }

    /** This section's definition in the JSON Schema: its keys and no others. */
    ObjectNode schema(SchemaContext context) {
        ObjectNode s = Types.NODES.objectNode();
        s.put("type", "object");
        s.put("description", what());
        ObjectNode properties = s.putObject("properties");
        List<String> required = new ArrayList<>();
        for (Key<R, ?> k : keys()) {
            properties.set(k.name(), k.schema(context));
            if (k.presence() == Key.Presence.REQUIRED) {
                required.add(k.name());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", Types.strings(required));
        }
        s.put("additionalProperties", false);
        List<String> here = names();
        ArrayNode rules = Types.NODES.arrayNode();
        exactlyOne.stream().filter(here::containsAll).forEach(group -> rules.add(oneOf(group)));
        atLeastOne.stream().filter(here::containsAll).forEach(group -> rules.add(anyOf(group)));
        if (rules.size() == 1) {
            s.setAll((ObjectNode) rules.get(0));
        } else if (rules.size() > 1) {
            s.set("allOf", rules);
        }
        return s;
    }

    private static ObjectNode oneOf(List<String> group) {
        ObjectNode rule = Types.NODES.objectNode();
        ArrayNode branches = rule.putArray("oneOf");
        group.forEach(key -> branches.addObject().set("required", Types.strings(List.of(key))));
        return rule;
    }

    private static ObjectNode anyOf(List<String> group) {
        ObjectNode rule = Types.NODES.objectNode();
        ArrayNode branches = rule.putArray("anyOf");
        group.forEach(key -> branches.addObject().set("required", Types.strings(List.of(key))));
        return rule;
    }

    private static List<String> names(Key<?, ?>[] keys) {
        List<String> out = new ArrayList<>();
        for (Key<?, ?> k : keys) {
            out.add(k.name());
        }
        return out;
    }

    @Override
    public String toString() {
        return id;
    }
}
