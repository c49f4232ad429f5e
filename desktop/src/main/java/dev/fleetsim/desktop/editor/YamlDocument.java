package dev.fleetsim.desktop.editor;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The YAML text of a scenario with its node tree (SnakeYAML's composer: every node knows where
 * it starts and ends in the text), so that the form reads values by path and the editor finds
 * the text of a problem's path. Edits ({@link YamlEdits}) patch the text in place, so comments
 * and layout the user wrote survive a change made in the form. Immutable: an edit gives a new
 * text to parse. A text that is not YAML has no tree ({@link #parsed()} is false).
 */
public final class YamlDocument {
    private final String text;
    private final Node root;
    private final String error;
    private final boolean surrogates;

    private YamlDocument(String text, Node root, String error) {
        this.text = text;
        this.root = root;
        this.error = error;
        this.surrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
    }

    /** Parses the text; never throws (a syntax error leaves the document without a tree). */
    public static YamlDocument parse(String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            Node root = new Yaml(options).compose(new StringReader(text));
            return new YamlDocument(text, root, null);
        } catch (RuntimeException e) {
            return new YamlDocument(text, null, String.valueOf(e.getMessage()));
        }
    }

    public String text() {
        return text;
    }

    /** True when the text is YAML (possibly empty). */
    public boolean parsed() {
        return error == null;
    }

    /** The parser's message when the text is not YAML. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    Node root() {
        return root;
    }

    /** The node at a path, if the document has one there. */
    public Optional<Node> node(YamlPath path) {
        Node at = root;
        for (Object segment : path.segments()) {
            at = child(at, segment);
            if (at == null) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(at);
    }

    /** The deepest node the document has on the way to {@code path}, and how many segments it covers. */
    Located deepest(YamlPath path) {
        Node at = root;
        int depth = 0;
        for (Object segment : path.segments()) {
            Node next = child(at, segment);
            if (next == null) {
                break;
            }
            at = next;
            depth++;
        }
        return new Located(at, depth);
    }

    /** A node and how many segments of a path lead to it. */
    record Located(Node node, int depth) {
    }

    static Node child(Node parent, Object segment) {
        if (segment instanceof String && parent instanceof MappingNode) {
            NodeTuple t = entry((MappingNode) parent, (String) segment);
            return t == null ? null : t.getValueNode();
        }
        if (segment instanceof Integer && parent instanceof SequenceNode) {
            List<Node> items = ((SequenceNode) parent).getValue();
            int i = (Integer) segment;
            return i < items.size() ? items.get(i) : null;
        }
        return null;
    }

    /** The last entry of a mapping with this key (YAML with duplicate keys keeps the last). */
    static NodeTuple entry(MappingNode map, String key) {
        NodeTuple found = null;
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode && ((ScalarNode) t.getKeyNode()).getValue().equals(key)) {
                found = t;
            }
        }
        return found;
    }

    /** The text of a scalar at a path; empty when there is none, or it is null ({@code key:} with nothing). */
    public Optional<String> scalar(YamlPath path) {
        return node(path).filter(n -> n instanceof ScalarNode && !isNull(n)).map(n -> ((ScalarNode) n).getValue());
    }

    /** The items of a list of scalars, as text ({@code [a, b]} gives a and b). */
    public Optional<List<String>> scalars(YamlPath path) {
        Optional<Node> n = node(path);
        if (n.isEmpty() || !(n.get() instanceof SequenceNode)) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (Node item : ((SequenceNode) n.get()).getValue()) {
            if (!(item instanceof ScalarNode)) {
                return Optional.empty();
            }
            out.add(((ScalarNode) item).getValue());
        }
        return Optional.of(out);
    }

    public boolean isMapping(YamlPath path) {
        return node(path).filter(n -> n instanceof MappingNode).isPresent();
    }

    /** Items of the list at a path (0 when there is no list). */
    public int size(YamlPath path) {
        return node(path).filter(n -> n instanceof SequenceNode).map(n -> ((SequenceNode) n).getValue().size()).orElse(0);
    }

    /** The keys of the mapping at a path, in document order. */
    public List<String> keys(YamlPath path) {
        List<String> out = new ArrayList<>();
        node(path).filter(n -> n instanceof MappingNode).ifPresent(n -> {
            for (NodeTuple t : ((MappingNode) n).getValue()) {
                if (t.getKeyNode() instanceof ScalarNode) {
                    out.add(((ScalarNode) t.getKeyNode()).getValue());
                }
            }
        });
        return out;
    }

    /**
     * Where the text of a path is, as [start, end) character offsets: the value's node, or, when
     * the document stops short of the path, the deepest node it has on the way (for a key that
     * should not be there, its key and value). The whole text when there is no tree.
     */
    public int[] range(YamlPath path) {
        if (root == null) {
            return new int[] {0, 0};
        }
        Located at = deepest(path);
        Node n = at.node();
        if (at.depth() < path.size() && n instanceof MappingNode && path.segments().get(at.depth()) instanceof String) {
            // an unknown key is a key of the mapping: point at its entry
            NodeTuple t = entry((MappingNode) n, (String) path.segments().get(at.depth()));
            if (t != null) {
                return new int[] {offset(t.getKeyNode().getStartMark().getIndex()), offset(t.getValueNode().getEndMark().getIndex())};
            }
        }
        return new int[] {offset(n.getStartMark().getIndex()), offset(n.getEndMark().getIndex())};
    }

    /** The 1-based line of {@link #range}'s start. */
    public int line(YamlPath path) {
        int start = range(path)[0];
        int line = 1;
        for (int i = 0; i < start && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    static boolean flow(Node n) {
        return n instanceof CollectionNode && ((CollectionNode<?>) n).getFlowStyle() == DumperOptions.FlowStyle.FLOW;
    }

    /** A character offset in the text from SnakeYAML's mark index (which counts code points). */
    int offset(int markIndex) {
        return surrogates ? text.offsetByCodePoints(0, Math.min(markIndex, text.codePointCount(0, text.length())))
                : Math.min(markIndex, text.length());
    }
}
