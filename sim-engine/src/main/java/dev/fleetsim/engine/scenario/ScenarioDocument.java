package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a scenario file as a tree: UTF-8 only, one document, YAML anchors, aliases and
 * merge keys ({@code <<: *base}) resolved as YAML defines them, a key given twice refused, and
 * the size a file may grow to through aliases bounded. YAML goes through SnakeYAML's composer
 * (the node graph, aliases included) and is turned into the same kind of tree Jackson reads
 * from JSON; a {@code .json} file is strict JSON. Every problem is a {@link Problem} at
 * {@code line L, column C}, never an exception.
 */
final class ScenarioDocument {

    /** The largest scenario file read: far above any real one (a million tenants is ~15 MB). */
    static final long MAX_FILE_BYTES = 64L << 20;
    /** Values a document may hold once its aliases are expanded (a guard against "billion laughs"). */
    static final long MAX_VALUES = 10_000_000;
    /**
     * The longest run of characters without a blank or line break, run of blanks, or comment a
     * YAML file may have. SnakeYAML's reader copies its window for every 1,024 characters of one
     * such run, so its cost grows with the square of the run's length (a 1.4 M-character value
     * cost 4 GB of copying); no real scenario value is longer than a few thousand characters.
     */
    static final int MAX_RUN_CHARS = 100_000;
    /** Deepest nesting of maps and lists; a scenario needs about eight. */
    static final int MAX_DEPTH = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SNAKEYAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'.*");

    private ScenarioDocument() {
    }

    /**
     * The bytes as text, or null with a problem at {@code (file)} naming the first byte that is
     * not UTF-8. A leading byte-order mark is dropped.
     */
    static String decode(byte[] bytes, ProblemList problems) {
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.NotUtf8 e) {
            problems.add(new Problem("(file)", e.getMessage(), "a scenario file in UTF-8 (save it as UTF-8)"));
            return null;
        }
    }

    /** The tree of {@code text}; null (with the problems) when it is not one well-formed document. */
    static JsonNode read(String text, boolean json, ProblemList problems) {
        return json ? readJson(text, problems) : new YamlTree(problems).read(text);
    }

    private static JsonNode readJson(String text, ProblemList problems) {
        ObjectMapper mapper = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonParser parser = mapper.createParser(text)) {
            JsonNode tree = mapper.readTree(parser);
            JsonToken next = parser.nextToken();
            if (next != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(new Problem("line " + at.getLineNr() + ", column " + at.getColumnNr(),
                        "a second JSON value after the scenario", "one JSON value per file: the scenario object"));
                return null;
            }
            return tree;
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e, "JSON"));
            return null;
        } catch (IOException e) {
            problems.add(new Problem("(document)", "unreadable JSON: " + Echo.plain(String.valueOf(e.getMessage())),
                    "well-formed JSON"));
            return null;
        }
    }

    /** A Jackson parser error as a problem at its line and column, with the parser's reason and no stack trace. */
    static Problem syntaxProblem(JsonProcessingException e, String language) {
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "(document)"
                : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        String text = oneLine(reason);
        Matcher duplicate = DUPLICATE.matcher(text);
        if (duplicate.matches()) {
            text = "key " + Echo.quoted(duplicate.group(1)) + " given twice in the same map";
        }
        return new Problem(where, "invalid " + language + ": " + text, "well-formed " + language);
    }

    /** A parser's reason without the quoted source lines and carets it adds, on one line, bounded. */
    private static String oneLine(String reason) {
        List<String> lines = new ArrayList<>();
        for (String line : reason.split("\\R")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("in 'reader'") && !t.startsWith("in \"'reader'\"") && !t.equals("^")
                    && !line.startsWith("    ")) {
                lines.add(t);
            }
        }
        String text = lines.isEmpty() ? reason.trim() : String.join(" ", lines);
        return Echo.message(text.length() > 300 ? text.substring(0, 300) + "…" : text, 400);
    }

    /** A YAML document turned into a Jackson tree, aliases and merge keys resolved. */
    private static final class YamlTree {
        private final ProblemList problems;
        private final Map<Node, JsonNode> converted = new IdentityHashMap<>();
        private final Map<Node, Long> sizes = new IdentityHashMap<>();
        private final Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
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
            } catch (YAMLException e) {
                problems.add(new Problem(where(e.getMessage()), "invalid YAML: " + oneLine(String.valueOf(e.getMessage())),
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
            return oneLine(context != null && !context.isBlank() && !problem.contains(context)
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
