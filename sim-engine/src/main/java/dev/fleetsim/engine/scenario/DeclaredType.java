package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.scenario.ValueType.SchemaContext;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** A value type made of its parts, as {@link Types} declares them; {@link Scalar} also reads itself. */
class DeclaredType<T> implements ValueType<T> {
    private final String allowed;
    private final Function<T, JsonNode> write;
    private final Function<SchemaContext, ObjectNode> schema;
    private final List<Section<?>> sections;

    DeclaredType(String allowed, Function<T, JsonNode> write, Function<SchemaContext, ObjectNode> schema,
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

    /** A scalar: it reads itself, and may have bounds the reference states. */
    static final class Scalar<T> extends DeclaredType<T> implements ValueType.Scalar<T> {
        private final String range;
        private final Function<Cursor, T> read;

        Scalar(String allowed, String range, Function<Cursor, T> read, Function<T, JsonNode> write,
               Function<SchemaContext, ObjectNode> schema) {
            super(allowed, write, schema, List.of());
            this.range = range;
            this.read = read;
        }

        @Override
        public String range() {
            return range;
        }

        @Override
        public T read(Cursor at) {
            return read.apply(at);
        }
    }
}
