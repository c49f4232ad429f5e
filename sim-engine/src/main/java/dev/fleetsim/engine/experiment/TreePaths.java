package dev.fleetsim.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a value at a scenario path in a document tree: {@code cluster.fabric.oversubscription},
 * {@code workload.generators[0].count}, {@code cluster.nodeGroups[*].gpuType} (every item of the
 * list). A map on the way that is absent is created (a key the resolved scenario leaves out, such
 * as {@code simulation.horizon}); a list item that is absent, or a step into a value that is not a
 * map, is refused with a sentence, never a stack trace. Whether the key exists and the value suits
 * it is the scenario's validation's to say, with its own path-named problem.
 */
final class TreePaths {
    private static final Pattern STEP = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[(?:\\d+|\\*)])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+|\\*)]");

    private TreePaths() {
    }

    /**
     * Sets {@code value} at {@code path} in {@code root}.
     *
     * @return null when set, else why not ("the scenario has 1 item in workload.generators")
     */
    static String set(ObjectNode root, String path, JsonNode value) {
        List<String> keys = new ArrayList<>();
        List<List<String>> indices = new ArrayList<>();
        for (String step : path.split("\\.")) {
            Matcher m = STEP.matcher(step);
            if (!m.matches()) {
                return "\"" + step + "\" is not a key of a scenario path";
            }
            keys.add(m.group(1));
            List<String> idx = new ArrayList<>();
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                idx.add(i.group(1));
            }
            indices.add(idx);
        }
        return set(root, keys, indices, 0, value, "");
    }

    private static String set(JsonNode node, List<String> keys, List<List<String>> indices, int step, JsonNode value,
                              String at) {
        if (!(node instanceof ObjectNode)) {
            return (at.isEmpty() ? "the document" : at) + " is not a map";
        }
        ObjectNode map = (ObjectNode) node;
        String key = keys.get(step);
        String here = at.isEmpty() ? key : at + "." + key;
        boolean last = step == keys.size() - 1;
        List<String> idx = indices.get(step);
        if (idx.isEmpty()) {
            if (last) {
                map.set(key, value);
                return null;
            }
            JsonNode next = map.get(key);
            if (next == null || next.isNull()) {
                next = map.putObject(key);
            }
            return set(next, keys, indices, step + 1, value, here);
        }
        return setIndexed(map.get(key), idx, 0, keys, indices, step, value, here);
    }

    private static String setIndexed(JsonNode node, List<String> idx, int k, List<String> keys, List<List<String>> indices,
                                     int step, JsonNode value, String at) {
        if (!(node instanceof ArrayNode)) {
            return at + " is not a list in the scenario";
        }
        ArrayNode list = (ArrayNode) node;
        List<Integer> items = new ArrayList<>();
        if (idx.get(k).equals("*")) {
            for (int i = 0; i < list.size(); i++) {
                items.add(i);
            }
            if (items.isEmpty()) {
                return at + " is an empty list in the scenario";
            }
        } else {
            int i = Integer.parseInt(idx.get(k));
            if (i >= list.size()) {
                return "the scenario has " + list.size() + " item" + (list.size() == 1 ? "" : "s") + " in " + at
                        + " (indices from 0)";
            }
            items.add(i);
        }
        boolean lastIndex = k == idx.size() - 1;
        for (int i : items) {
            String here = at + "[" + i + "]";
            String why;
            if (!lastIndex) {
                why = setIndexed(list.get(i), idx, k + 1, keys, indices, step, value, here);
            } else if (step == keys.size() - 1) {
                list.set(i, value);
                why = null;
            } else {
                why = set(list.get(i), keys, indices, step + 1, value, here);
            }
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** A value of an axis as a document node. */
    static JsonNode node(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Boolean) {
            return f.booleanNode((Boolean) v);
        }
        if (v instanceof Long) {
            return f.numberNode((Long) v);
        }
        if (v instanceof Double) {
            return f.numberNode((Double) v);
        }
        return f.textNode(String.valueOf(v));
    }
}
