package dev.fleetsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates scenario files the way users and broken tools do: on the tree (a key deleted,
 * duplicated, renamed or retyped, a number pushed to an extreme, a quantity to an absurd unit or
 * size, a huge or control-character string, a huge list, deep nesting), on the YAML text
 * (broken syntax, anchors and aliases, merge keys, a second document) and on the bytes (invalid
 * UTF-8, a byte-order mark, UTF-16, truncation). Everything is drawn from one seed, so a case
 * is reproduced by its seed alone. {@link #log} says what was done, for the failure message.
 */
final class ScenarioMutator {

    static final ObjectMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Object[] NUMBERS = {0, -1, 1, 2, 3, 7, 1.5, 0.5, -0.0, 1e308, -1e308, 5e-324, 2147483647,
        2147483648L, -2147483649L, 9223372036854775807L, 1e18, 1e19, 1e6, 1000001, 16777217, 0.999999999};
    private static final String[] TEXTS = {"", " ", "0", "1e400 Gb/s", "1e-300 Gb/s", "1e308 TB/s", "0 Gb/s",
        "5000 w", "2562047 h", "9223372036 s", "99999999999999999999 ns", "-5 W", "5", "5 parsecs", "400 Gb/s",
        "80 GiB", "1 ns", "0 s", "100 y", "36500 d", "36501 d", "1e-9 s", "3.35 TB/s", "2.5 USD/h", "-1 USD/h",
        "8B", "1e30T", "NaN", "Infinity", ".inf", "null", "true", "H100", "H100-SXM", "h100-sxm", "A100", "fifo",
        "optaplanner", "las", "llama3", "llama2", "gpt3-175b", "bf16", "fp9", "trace", "mix", "philly", "~",
        "\u0000", "\u0007\u001b[31mred\u001b[0m", "line\nbreak", "tab\there", "\u202Eevil", "\uD83D\uDE80 rocket",
        "e\u0301", "\uFEFFbom", "\\", "\"", "'", "a: b", "- x", "*alias", "&anchor", "<<", "{}", "[]", "%", "@",
        "`", "ｈ１００", "Ｈ100-SXM", "../../escaped", "/etc/passwd", "CON", "nul.yaml"};
    private static final String[] KEYS = {"name", "count", "gpuType", "nicBandwidth", "tenants", "iterations",
        "tokens", "submit", "horizon", "seed", "parallelism", "tp", "dp", "pp", "model", "precision", "globalBatch",
        "microBatch", "policy", "params", "window", "steps", "faults", "<<", "", " ", "Name", "nodegroups",
        "\u0000", "a.b", "x\ny", "nicLatency", "oversubscription", "spines", "pods", "kind", "hardware", "peakTflops"};

    private static final Pattern AT_MOST = Pattern.compile("more than 0 s, at most (\\S+ \\S+?)[ )]");
    private static final Pattern RANGE = Pattern.compile("\\((?:more than )?([^()]*?)(?: to|, at most) ([^()]*?)\\)$");
    /**
     * The declared bounds of every key, read from the shipped JSON Schema: numbers' minimum and
     * maximum, quantities' "(0 s to 1 s)" from their descriptions, and the defaults. Values at
     * the bounds are valid, so files mutated with them are accepted and run at the extremes.
     */
    static final Map<String, List<JsonNode>> BOUNDS = bounds();

    private final SplittableRandom rng;
    final List<String> log = new ArrayList<>();

    ScenarioMutator(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return rng.nextInt(bound);
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    // ---- the tree ----------------------------------------------------------------------------

    /** Applies {@code count} tree mutations to a copy of {@code tree}. */
    JsonNode mutateTree(JsonNode tree, int count) {
        JsonNode root = tree.deepCopy();
        for (int i = 0; i < count; i++) {
            List<Slot> slots = new ArrayList<>();
            collect(root, "", slots, 0);
            if (slots.isEmpty()) {
                break;
            }
            Slot s = pick(slots);
            mutate(s);
        }
        return root;
    }

    /** A place in the tree: a map entry or a list item. */
    private record Slot(JsonNode parent, String key, int index, String path) {
        JsonNode value() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode v) {
            if (key != null) {
                ((ObjectNode) parent).set(key, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    private static void collect(JsonNode n, String path, List<Slot> out, int depth) {
        if (depth > 12 || out.size() > 5_000) {
            return;
        }
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                String p = path + "." + e.getKey();
                out.add(new Slot(n, e.getKey(), -1, p));
                collect(e.getValue(), p, out, depth + 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < Math.min(n.size(), 50); i++) {
                String p = path + "[" + i + "]";
                out.add(new Slot(n, null, i, p));
                collect(n.get(i), p, out, depth + 1);
            }
        }
    }

    private static Map<String, List<JsonNode>> bounds() {
        Map<String, List<JsonNode>> out = new HashMap<>();
        try {
            JsonNode schema = JSON.readTree(TestPaths.root().resolve("docs/fleetsim-scenario.schema.json").toFile());
            for (JsonNode definition : schema.path("definitions")) {
                for (Map.Entry<String, JsonNode> p : definition.path("properties").properties()) {
                    List<JsonNode> values = out.computeIfAbsent(p.getKey(), k -> new ArrayList<>());
                    JsonNode d = p.getValue();
                    for (String bound : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
                        if (d.has(bound)) {
                            values.add(d.get(bound));
                        }
                    }
                    String doc = d.path("description").asText();
                    Matcher m = RANGE.matcher(doc);
                    Matcher most = AT_MOST.matcher(doc);
                    if (m.find()) {
                        values.add(NODES.textNode(m.group(1).replace("0 s", "1 ns")));
                        values.add(NODES.textNode(m.group(2)));
                    } else if (most.find()) {
                        values.add(NODES.textNode("1 ns"));
                        values.add(NODES.textNode(most.group(1)));
                    }
                    if (d.has("default")) {
                        values.add(d.get("default"));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private void mutate(Slot s) {
        if (s.key != null && BOUNDS.containsKey(s.key) && chance(0.25)) {
            JsonNode bound = pick(BOUNDS.get(s.key));
            s.set(bound.deepCopy());
            log.add("bound at " + s.path + " = " + bound);
            return;
        }
        int kind = rng.nextInt(14);
        JsonNode v = s.value();
        switch (kind) {
            case 0:
                if (s.key != null) {
                    ((ObjectNode) s.parent).remove(s.key);
                } else {
                    ((ArrayNode) s.parent).remove(s.index);
                }
                log.add("delete " + s.path);
                break;
            case 1:
                if (s.key != null) {
                    String to = chance(0.5) ? KEYS[rng.nextInt(KEYS.length)] : typo(s.key);
                    ObjectNode parent = (ObjectNode) s.parent;
                    JsonNode moved = parent.remove(s.key);
                    parent.set(to, moved);
                    log.add("rename " + s.path + " -> " + to);
                } else {
                    ((ArrayNode) s.parent).add(v.deepCopy());
                    log.add("duplicate " + s.path);
                }
                break;
            case 2:
            case 3:
                s.set(number());
                log.add("number at " + s.path + " = " + s.value());
                break;
            case 4:
            case 5:
                s.set(NODES.textNode(text()));
                log.add("text at " + s.path + " = " + describe(s.value().asText()));
                break;
            case 6:
                s.set(retype(v));
                log.add("retype " + s.path + " to " + s.value().getNodeType());
                break;
            case 7:
                s.set(NODES.textNode(huge()));
                log.add("huge string at " + s.path + " (" + s.value().asText().length() + " chars)");
                break;
            case 8:
                if (v.isArray() && v.size() > 0) {
                    int times = chance(0.3) ? 1 + rng.nextInt(3_000) : 1 + rng.nextInt(30);
                    ArrayNode a = (ArrayNode) v;
                    JsonNode item = a.get(0);
                    for (int i = 0; i < times; i++) {
                        a.add(item.deepCopy());
                    }
                    log.add("list " + s.path + " grown by " + times);
                } else {
                    ArrayNode a = NODES.arrayNode();
                    int n = rng.nextInt(2_000);
                    for (int i = 0; i < n; i++) {
                        a.add(chance(0.5) ? NODES.textNode("t" + i) : NODES.numberNode(i));
                    }
                    s.set(a);
                    log.add("list of " + n + " at " + s.path);
                }
                break;
            case 9:
                JsonNode deep = v;
                int depth = 10 + rng.nextInt(400);
                for (int i = 0; i < depth; i++) {
                    deep = chance(0.5) ? NODES.arrayNode().add(deep) : NODES.objectNode().set("k", deep);
                }
                s.set(deep);
                log.add("nested " + depth + " deep at " + s.path);
                break;
            case 10:
                if (v.isObject()) {
                    ((ObjectNode) v).set(KEYS[rng.nextInt(KEYS.length)], number());
                    log.add("extra key in " + s.path);
                } else {
                    s.set(NODES.nullNode());
                    log.add("null at " + s.path);
                }
                break;
            case 11:
                if (v.isNumber()) {
                    s.set(NODES.textNode(v.asText() + " " + pick(List.of("s", "ms", "w", "GB", "Gb/s", "TB/s", "W",
                            "USD/h", "K", "T"))));
                    log.add("unit added at " + s.path);
                } else if (v.isTextual() && v.asText().matches("[0-9]*\\.?[0-9]*\\s*[^0-9.\\s]\\S*")) { // not "1..3"
                    String num = v.asText().replaceAll("\\s*[^0-9.].*", "");
                    s.set(chance(0.5) ? NODES.textNode(num) : NODES.numberNode(Double.parseDouble(
                            num.isEmpty() || num.equals(".") ? "0" : num)));
                    log.add("unit removed at " + s.path);
                } else {
                    s.set(number());
                    log.add("number at " + s.path);
                }
                break;
            case 12:
                if (v.isTextual() || v.isNumber()) {
                    String t = v.asText();
                    String scaled = t.replaceAll("[0-9]+(\\.[0-9]+)?", pick(List.of("0", "1e300", "1e-300", "999999999999",
                            "0.0000001", "4294967296", "1e19")));
                    s.set(NODES.textNode(scaled));
                    log.add("scaled " + s.path + " = " + describe(scaled));
                } else {
                    s.set(NODES.textNode(text()));
                    log.add("text at " + s.path);
                }
                break;
            default:
                if (v.isObject() && v.size() > 0) {
                    ObjectNode o = (ObjectNode) v;
                    String first = o.fieldNames().next();
                    o.set(first + "_copy", o.get(first).deepCopy());
                    log.add("copied key in " + s.path);
                } else {
                    s.set(NODES.booleanNode(chance(0.5)));
                    log.add("boolean at " + s.path);
                }
        }
    }

    private JsonNode number() {
        Object n = NUMBERS[rng.nextInt(NUMBERS.length)];
        if (chance(0.3)) {
            return NODES.numberNode(rng.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
        }
        if (n instanceof Integer) {
            return NODES.numberNode((Integer) n);
        }
        if (n instanceof Long) {
            return NODES.numberNode((Long) n);
        }
        return NODES.numberNode((Double) n);
    }

    private String text() {
        return TEXTS[rng.nextInt(TEXTS.length)];
    }

    private String huge() {
        int n = chance(0.05) ? 100_000 + rng.nextInt(900_000) : 200 + rng.nextInt(20_000);
        String unit = pick(List.of("n", "\n", "é", "\u0007", "ab", "\uD83D\uDE80"));
        return unit.repeat(Math.max(1, n / unit.length()));
    }

    private JsonNode retype(JsonNode v) {
        switch (rng.nextInt(5)) {
            case 0:
                return NODES.textNode(v.isValueNode() ? v.asText() : v.toString());
            case 1:
                return NODES.arrayNode().add(v.deepCopy());
            case 2:
                return NODES.objectNode().set("value", v.deepCopy());
            case 3:
                return NODES.booleanNode(true);
            default:
                return v.isContainerNode() && v.size() > 0 ? v.elements().next().deepCopy() : NODES.numberNode(1);
        }
    }

    private String typo(String key) {
        if (key.isEmpty()) {
            return "x";
        }
        StringBuilder b = new StringBuilder(key);
        int i = rng.nextInt(b.length());
        switch (rng.nextInt(4)) {
            case 0:
                b.deleteCharAt(i);
                break;
            case 1:
                b.insert(i, (char) ('a' + rng.nextInt(26)));
                break;
            case 2:
                b.setCharAt(i, Character.isUpperCase(b.charAt(i)) ? Character.toLowerCase(b.charAt(i))
                        : Character.toUpperCase(b.charAt(i)));
                break;
            default:
                b.append('s');
        }
        return b.toString();
    }

    // ---- the text ----------------------------------------------------------------------------

    /** Applies one text mutation to YAML text. */
    String mutateText(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = rng.nextInt(Math.max(1, lines.size()));
        switch (rng.nextInt(12)) {
            case 0:
                log.add("truncated at " + at + " of " + text.length());
                return text.substring(0, rng.nextInt(Math.max(1, text.length())));
            case 1: {
                char c = "[]{}:,\"'&*!|>-#%@`\t ?".charAt(rng.nextInt(21));
                int pos = rng.nextInt(Math.max(1, text.length()));
                log.add("inserted '" + c + "' at " + pos);
                return text.substring(0, pos) + c + text.substring(pos);
            }
            case 2:
                lines.add(at, lines.get(at));
                log.add("duplicated line " + (at + 1));
                break;
            case 3:
                lines.set(at, "  " + lines.get(at));
                log.add("indented line " + (at + 1));
                break;
            case 4:
                log.add("second document");
                return text + (chance(0.5) ? "\n---\nname: other\n" : "\n---\n");
            case 5: {
                // Anchor the first scalar value of a line and alias it elsewhere, or alias an undefined anchor.
                int line = findValueLine(lines);
                if (line < 0) {
                    break;
                }
                String l = lines.get(line);
                int colon = l.indexOf(": ");
                lines.set(line, l.substring(0, colon + 2) + "&a" + " " + l.substring(colon + 2));
                int other = findValueLine(lines);
                if (other >= 0 && other != line) {
                    String o = lines.get(other);
                    int c2 = o.indexOf(": ");
                    lines.set(other, o.substring(0, c2 + 2) + (chance(0.8) ? "*a" : "*undefined"));
                }
                log.add("anchor on line " + (line + 1) + ", alias on line " + (other + 1));
                break;
            }
            case 6: {
                // A merge key: the first list item of a list of maps merged into a later one.
                int item = -1;
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().startsWith("- ") && lines.get(i).contains(": ")) {
                        item = i;
                        break;
                    }
                }
                if (item < 0) {
                    break;
                }
                String l = lines.get(item);
                int dash = l.indexOf("- ");
                String indent = " ".repeat(dash);
                lines.set(item, indent + "- &m " + l.substring(dash + 2));
                lines.add(item + 1 + rng.nextInt(Math.max(1, lines.size() - item - 1)), indent + "- <<: *m");
                log.add("merge key after line " + (item + 1));
                break;
            }
            case 7: {
                StringBuilder bomb = new StringBuilder("x0: &x0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
                int levels = 3 + rng.nextInt(8);
                for (int i = 1; i <= levels; i++) {
                    bomb.append("x").append(i).append(": &x").append(i).append(" [");
                    for (int k = 0; k < 9; k++) {
                        bomb.append(k == 0 ? "" : ", ").append("*x").append(i - 1);
                    }
                    bomb.append("]\n");
                }
                log.add("alias bomb of " + levels + " levels");
                return text.replaceFirst("(?m)^description:.*$", "") + "description: " + "*x" + levels + "\n" + bomb;
            }
            case 8:
                lines.set(at, lines.get(at).replace(": ", ":"));
                log.add("no space after colon on line " + (at + 1));
                break;
            case 9:
                lines.set(at, "\t" + lines.get(at));
                log.add("tab on line " + (at + 1));
                break;
            case 10:
                lines.add(at, "? [complex, key]\n: value");
                log.add("complex key at line " + (at + 1));
                break;
            default:
                lines.set(at, lines.get(at) + " !custom");
                log.add("custom tag on line " + (at + 1));
        }
        return String.join("\n", lines);
    }

    private int findValueLine(List<String> lines) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int colon = l.indexOf(": ");
            if (colon > 0 && !l.trim().startsWith("#") && !l.trim().startsWith("-") && colon + 2 < l.length()
                    && !l.substring(colon + 2).startsWith("{") && !l.substring(colon + 2).startsWith("[")) {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : pick(candidates);
    }

    // ---- the bytes ---------------------------------------------------------------------------

    /** Applies one byte mutation to UTF-8 text. */
    byte[] mutateBytes(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        switch (rng.nextInt(4)) {
            case 0: {
                int pos = rng.nextInt(Math.max(1, b.length));
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, pos);
                out[pos] = (byte) (int) pick(List.of(0xC3, 0xE9, 0xFF, 0x80, 0xF0, 0xED));
                System.arraycopy(b, pos, out, pos + 1, b.length - pos);
                log.add("invalid UTF-8 byte at " + pos);
                return out;
            }
            case 1: {
                byte[] out = new byte[b.length + 3];
                out[0] = (byte) 0xEF;
                out[1] = (byte) 0xBB;
                out[2] = (byte) 0xBF;
                System.arraycopy(b, 0, out, 3, b.length);
                log.add("byte-order mark");
                return out;
            }
            case 2:
                log.add("UTF-16");
                return text.getBytes(StandardCharsets.UTF_16);
            default: {
                int cut = rng.nextInt(Math.max(1, b.length));
                log.add("bytes cut at " + cut);
                byte[] out = new byte[cut];
                System.arraycopy(b, 0, out, 0, cut);
                return out;
            }
        }
    }

    static String describe(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "... (" + s.length() + " chars)" : s;
    }
}
