package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The type of a scenario key's value: how it is written back in a resolved scenario, what a
 * message says is allowed, and its JSON Schema. {@link Scalar}s also read themselves; a map,
 * a list or a name-or-map value is read by its section's reader, which has the context
 * (cluster, catalogue) its checks need. Instances are made by {@link Types}.
 *
 * @param <T> the value as the spec records hold it
 */
interface ValueType<T> {

    /** What is allowed here, as a problem's "expected" text (also for a missing required value). */
    String allowed();

    /** The value as a resolved scenario writes it; reads back to an equal value. */
    JsonNode write(T value);

    /** The JSON Schema of a value of this type. */
    ObjectNode schema(SchemaContext context);

    /** The sections this type holds (a map, a list of maps), which the schema defines once each. */
    default List<Section<?>> sections() {
        return List.of();
    }

    /** A value the key reads itself: a number, a name, a quantity with a unit. */
    interface Scalar<T> extends ValueType<T> {
        /** Reads the present value at {@code at}; reports a problem there and returns null when it is wrong. */
        T read(Cursor at);

        /**
         * The bounds of the value as the format reference's tables state them ("0 s to 1 s",
         * "1 to 1,000,000", "[1, 1000]"), or null for a value without bounds (a name, a switch).
         */
        default String range() {
            return null;
        }
    }

    /** What the schema needs from outside the engine: names that are valid but not the engine's to know. */
    record SchemaContext(List<String> policyNames) {
        public SchemaContext {
            policyNames = List.copyOf(policyNames);
        }
    }
}
