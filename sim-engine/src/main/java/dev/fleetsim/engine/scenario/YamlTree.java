package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.files.Echo;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.fleetsim.engine.scenario.ScenarioDocument.MAX_DEPTH;
import static dev.fleetsim.engine.scenario.ScenarioDocument.MAX_FILE_BYTES;
import static dev.fleetsim.engine.scenario.ScenarioDocument.MAX_RUN_CHARS;
import static dev.fleetsim.engine.scenario.ScenarioDocument.MAX_VALUES;

/**
 * A YAML document turned into the tree Jackson reads from JSON, through SnakeYAML's composer:
 * anchors, aliases and merge keys resolved as YAML defines them (an alias shares its anchor's
 * subtree; a merge key copies the keys the map does not give itself, the first named map
 * winning), a key given twice, an undefined alias, a cycle, a custom tag, a second document,
 * runs too long for the reader and aliases that expand beyond {@link ScenarioDocument#MAX_VALUES}
 * refused at their line. Scalars are typed as YAML 1.1 types them.
 */
final class YamlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SNAKEYAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");
    private final ProblemList problems;
    private final Map<Node, JsonNode> converted = new IdentityHashMap<>();
    private final Map<Node, Long> sizes = new IdentityHashMap<>();
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Scalars scalars = new Scalars(options());
    private boolean failed;

    YamlTree(ProblemList problems) {
        this.problems = problems;
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(true); // reported here, with the key's line
        o.setAllowRecursiveKeys(false);
        o.setMaxAliasesForCollections(Integer.MAX_VALUE); // bounded by MAX_VALUES instead
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit((int) MAX_FILE_BYTES);
        o.setProcessComments(false);
        return o;
    }

    /** A character YAML does not allow (a NUL, most control characters): where it is, and what it is. */
    private static Problem controlCharacter(String text, org.yaml.snakeyaml.reader.ReaderException e) {
        int at = Math.min(Math.max(0, e.getPosition()), text.length());
        int line = 1;
        int column = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Problem("line " + line + ", column " + column, String.format(java.util.Locale.ROOT,
                "the control character U+%04X", e.getCodePoint()), "text without control characters (is it a binary file?)");
    }

    JsonNode read(String text) {
        Problem longRun = longRun(text);
        if (longRun != null) {
            problems.add(longRun);
            return null;
        }
        Node root;
        try {
            Iterator<Node> documents = new Yaml(options()).composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                return null;
            }
            root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                problems.add(new Problem(at(second == null ? null : second.getStartMark()),
                        "a second YAML document (after ---)", "one document per file: one scenario"));
                return null;
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new Problem(at(mark), "invalid YAML: " + reason(e), "well-formed YAML (or JSON)"));
            return null;
        } catch (org.yaml.snakeyaml.reader.ReaderException e) {
            problems.add(controlCharacter(text, e));
            return null;
        } catch (YAMLException e) {
            problems.add(new Problem(where(e.getMessage()), "invalid YAML: " + ScenarioDocument.oneLine(String.valueOf(e.getMessage())),
                    "well-formed YAML (or JSON), nested at most " + MAX_DEPTH + " levels"));
            return null;
        }
        if (root == null) {
            return null;
        }
        if (size(root) > MAX_VALUES) {
            problems.add(new Problem(at(root.getStartMark()), "a document whose aliases expand to more than "
                    + MAX_VALUES + " values", "a scenario that repeats itself less (aliases are expanded)"));
            return null;
        }
        JsonNode tree = convert(root);
        return failed ? null : tree;
    }

    /** The first run longer than {@link #MAX_RUN_CHARS} (see there), or null. */
    private static Problem longRun(String text) {
        int line = 1;
        int lineStart = 0;
        int runStart = 0;
        int comment = -1;
        int kind = -1; // 0 blanks, 1 other
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            int k = c == ' ' || c == '\t' ? 0 : c == '\n' || c == '\r' ? 2 : 1;
            if (k != kind) {
                if (i - runStart > MAX_RUN_CHARS && kind != 2) {
                    return run(line, runStart - lineStart, i - runStart, kind == 0 ? "blanks" : "characters without a blank");
                }
                kind = k;
                runStart = i;
            }
            if (c == '#' && comment < 0 && (i == lineStart || text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                comment = i;
            }
            if (k == 2) {
                if (comment >= 0 && i - comment > MAX_RUN_CHARS) {
                    return run(line, comment - lineStart, i - comment, "characters of comment");
                }
                comment = -1;
                if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
        }
        return null;
    }

    private static Problem run(int line, int column, int length, String what) {
        return new Problem("line " + line + ", column " + (column + 1), "a run of " + length + " " + what,
                "values, words and comments of at most " + MAX_RUN_CHARS + " characters (a scenario value has at"
                        + " most " + Types.MAX_TEXT_CHARS + ")");
    }

    private static String reason(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = e.getContext();
        return ScenarioDocument.oneLine(context != null && !context.isBlank() && !problem.contains(context)
                ? context + ": " + problem : problem);
    }

    /** SnakeYAML's own "line L, column C" inside a message without a mark (a reader error). */
    private static String where(String message) {
        Matcher m = SNAKEYAML_MARK.matcher(message == null ? "" : message);
        String where = "(document)";
        while (m.find()) {
            where = "line " + m.group(1) + ", column " + m.group(2);
        }
        return where;
    }

    private static String at(Mark mark) {
        return mark == null ? "(document)" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /**
     * The values a node holds once expanded, each shared node counted once per use; saturating.
     * Only an anchored node can be shared (an alias is its anchor's node), so only those are
     * remembered and checked for cycles: a file without anchors costs no bookkeeping.
     */
    private long size(Node node) {
        if (node instanceof ScalarNode) {
            return 1;
        }
        boolean shared = node.getAnchor() != null;
        if (shared) {
            Long known = sizes.get(node);
            if (known != null) {
                return known;
            }
            if (!inProgress.add(node)) {
                return 1; // a cycle: reported by convert
            }
        }
        long n = 1;
        if (node instanceof MappingNode) {
            for (NodeTuple t : ((MappingNode) node).getValue()) {
                n = Math.min(Long.MAX_VALUE / 2, n + size(t.getKeyNode()) + size(t.getValueNode()));
            }
        } else if (node instanceof SequenceNode) {
            for (Node item : ((SequenceNode) node).getValue()) {
                n = Math.min(Long.MAX_VALUE / 2, n + size(item));
            }
        }
        if (shared) {
            inProgress.remove(node);
            sizes.put(node, n);
        }
        return n;
    }

    private JsonNode convert(Node node) {
        boolean shared = node.getAnchor() != null;
        JsonNode done = shared ? converted.get(node) : null;
        if (done != null) {
            return done;
        }
        if (shared && !inProgress.add(node)) {
            problem(node, "an alias inside the value it names" + (node.getAnchor() == null ? ""
                    : " (*" + Echo.plain(node.getAnchor()) + ")"), "values that do not contain themselves");
            return NODES.nullNode();
        }
        JsonNode out;
        if (!node.getTag().startsWith(Tag.PREFIX)) {
            problem(node, "the tag " + Echo.plain(node.getTag().getValue()),
                    "plain YAML values (no custom tags such as !include)");
            out = NODES.nullNode();
        } else if (node instanceof MappingNode) {
            out = map((MappingNode) node);
        } else if (node instanceof SequenceNode) {
            ArrayNode a = NODES.arrayNode();
            for (Node item : ((SequenceNode) node).getValue()) {
                a.add(convert(item));
            }
            out = a;
        } else {
            out = scalar((ScalarNode) node);
        }
        if (shared) {
            inProgress.remove(node);
            converted.put(node, out);
        }
        return out;
    }

    /**
     * A mapping in document order; a merge key ({@code <<: *base} or {@code <<: [*a, *b]})
     * adds the keys of the maps it names that the mapping does not give itself, the first
     * named map winning, as YAML's merge key type defines.
     */
    private JsonNode map(MappingNode node) {
        List<NodeTuple> tuples = node.getValue();
        Set<String> explicit = new HashSet<>();
        for (NodeTuple t : tuples) {
            if (!isMerge(t.getKeyNode()) && t.getKeyNode() instanceof ScalarNode) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                if (!explicit.add(key)) {
                    problem(t.getKeyNode(), "invalid YAML: key " + Echo.quoted(key) + " given twice in the same map",
                            "well-formed YAML (or JSON)");
                }
            }
        }
        ObjectNode out = NODES.objectNode();
        for (NodeTuple t : tuples) {
            Node key = t.getKeyNode();
            if (isMerge(key)) {
                for (ObjectNode source : mergeSources(t.getValueNode())) {
                    source.properties().forEach(e -> {
                        if (!explicit.contains(e.getKey()) && !out.has(e.getKey())) {
                            out.set(e.getKey(), e.getValue());
                        }
                    });
                }
            } else if (key instanceof ScalarNode) {
                out.set(((ScalarNode) key).getValue(), convert(t.getValueNode()));
            } else {
                problem(key, "a " + (key instanceof MappingNode ? "map" : "list") + " used as a key",
                        "plain keys (names such as count or nodeGroups)");
            }
        }
        return out;
    }

    private static boolean isMerge(Node key) {
        return key instanceof ScalarNode && Tag.MERGE.equals(key.getTag());
    }

    private List<ObjectNode> mergeSources(Node value) {
        List<ObjectNode> out = new ArrayList<>();
        List<Node> sources = value instanceof SequenceNode ? ((SequenceNode) value).getValue() : List.of(value);
        for (Node source : sources) {
            JsonNode n = convert(source);
            if (n.isObject()) {
                out.add((ObjectNode) n);
            } else {
                problem(source, "a merge key (<<) with " + Cursor.describe(n),
                        "<< followed by a map, an alias of one (<<: *base), or a list of them");
            }
        }
        return out;
    }

    private JsonNode scalar(ScalarNode node) {
        Tag tag = node.getTag();
        Object value;
        try {
            value = Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || Tag.BOOL.equals(tag) || Tag.NULL.equals(tag)
                    ? scalars.construct(node) : node.getValue();
        } catch (RuntimeException e) {
            problem(node, "invalid YAML: " + Echo.quoted(node.getValue()) + " is not a valid "
                    + tag.getValue().substring(Tag.PREFIX.length()), "well-formed YAML (or JSON)");
            return NODES.nullNode();
        }
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Boolean) {
            return NODES.booleanNode((Boolean) value);
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return NODES.numberNode((BigInteger) value);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        return NODES.textNode(value instanceof String ? (String) value : node.getValue());
    }

    private void problem(Node node, String found, String allowed) {
        failed = true;
        problems.add(new Problem(at(node.getStartMark()), found, allowed));
    }

    /** YAML 1.1's own reading of ints, floats, booleans and null (0x1F, 1_000, .inf, yes/no). */
    private static final class Scalars extends SafeConstructor {
        Scalars(LoaderOptions options) {
            super(options);
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }
}
