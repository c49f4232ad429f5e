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
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
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
    static String oneLine(String reason) {
        List<String> lines = new ArrayList<>();
        for (String line : reason.split("\\R")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("in 'reader'") && !t.startsWith("in \"'reader'\"") && !t.equals("^")
                    && !line.startsWith("    ")) {
                lines.add(t);
            }
        }
        String text = lines.isEmpty() ? reason.trim() : String.join(" ", lines);
        // Jackson's "[Source: REDACTED (`StreamReadFeature...` disabled); line: 3, column: 10]" says only the place
        text = JACKSON_SOURCE.matcher(text).replaceAll("line $1, column $2");
        return Echo.message(text.length() > 300 ? text.substring(0, 300) + "…" : text, 400);
    }
}
