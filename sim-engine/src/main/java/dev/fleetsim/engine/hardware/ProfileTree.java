package dev.fleetsim.engine.hardware;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A hardware document's text as the tree {@link ProfileReader} walks, token by token from Jackson's YAML (or strict
 * JSON) parser, the way {@code readTree} builds it, with one difference: YAML's {@code .nan}, {@code .inf} and
 * {@code -.inf} (and JSON's {@code NaN}, {@code Infinity}) read as the doubles they name instead of failing in
 * Jackson's words ("Malformed numeric value '.nan'"), so the reader reports them at their field, with what the field
 * allows, as it does any number out of range; a scenario's reader types them the same way.
 */
final class ProfileTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** YAML 1.1's not-a-number and infinities, as its float resolver spells them. */
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final Pattern INFINITY = Pattern.compile("([-+]?)\\.(inf|Inf|INF)");
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ProfileTree() {
    }

    /** The document's tree; null for an empty document. */
    static JsonNode read(String text, boolean json) throws IOException {
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            JsonToken t = p.nextToken();
            return t == null ? null : value(p, t);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(value(p, v));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(floating(p));
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // a tagged binary or other embedded value: its text, which no field of a profile takes
                return NODES.textNode(p.getText());
        }
    }

    private static double floating(JsonParser p) throws IOException {
        String text = p.getText();
        if (NAN.matcher(text).matches()) {
            return Double.NaN;
        }
        var inf = INFINITY.matcher(text);
        if (inf.matches()) {
            return "-".equals(inf.group(1)) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return p.getDoubleValue();
    }
}
