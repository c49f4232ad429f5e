package dev.fleetsim.desktop.editor;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Edits of a scenario's YAML text by path that touch only the text of what changes: a value is
 * replaced where it stands, a new key goes on its own line under its siblings (or inside the
 * braces of an inline map), a removed key takes its lines with it, a list item is appended at
 * the list's indentation. Comments and the user's layout elsewhere stay as they were. Each edit
 * returns the new text.
 */
public final class YamlEdits {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./()+\\-][A-Za-z0-9 _./()+:%\\-]*");
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?(\\d[\\d_]*)?(\\.\\d*)?([eE][-+]?\\d+)?|0x[0-9a-f]+|0o?[0-7]+|[-+]?\\.inf|\\.nan)");

    private YamlEdits() {
    }

    /**
     * A value as YAML: plain when it reads back as the same text (and, for a string field, as a
     * string, not a number or a boolean), double-quoted otherwise.
     */
    public static String scalar(String value, boolean string) {
        boolean plain = !value.isEmpty() && PLAIN.matcher(value).matches() && !value.contains(": ")
                && !value.endsWith(":") && !value.endsWith(" ") && !value.startsWith("- ")
                && !(string && NOT_A_STRING.matcher(value).matches());
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A list of values as an inline YAML list, {@code [a, b]}. */
    public static String flowList(List<String> values, boolean strings) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(scalar(values.get(i), strings));
        }
        return sb.append(']').toString();
    }

    /**
     * Sets the value at a path to {@code yaml} (a scalar as {@link #scalar} writes it, or inline
     * YAML such as {@code [a, b]}), adding the keys that are missing on the way.
     *
     * @throws IllegalArgumentException when the text is not YAML or a value stands where a map or list should be
     */
    public static String set(YamlDocument doc, YamlPath path, String yaml) {
        requireTree(doc);
        String text = doc.text();
        YamlDocument.Located at = doc.deepest(path);
        Node n = at.node();
        if (at.depth() == path.size() && n != null) {
            if (n instanceof ScalarNode && n.getStartMark().getIndex() < n.getEndMark().getIndex()) {
                return splice(text, doc.offset(n.getStartMark().getIndex()), doc.offset(n.getEndMark().getIndex()), yaml);
            }
            // an empty value (key: with nothing) or a block map or list: the value after the key's colon
            int colon = afterColon(doc, path);
            int end = Math.max(colon, YamlDocument.isNull(n) ? colon : endOfContent(doc, n));
            return splice(text, colon, end, " " + yaml);
        }
        List<Object> rest = path.segments().subList(at.depth(), path.size());
        if (n == null || YamlDocument.isNull(n)) {
            if (at.depth() == 0) {
                String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                return text + sep + block(rest, yaml, "") + "\n";
            }
            int colon = afterColon(doc, path.prefix(at.depth()));
            String indent = " ".repeat(column(text, keyStart(doc, path.prefix(at.depth()))) + 2);
            return splice(text, colon, colon, "\n" + indent + block(rest, yaml, indent));
        }
        if (n instanceof MappingNode && rest.get(0) instanceof String) {
            return insertEntry(doc, (MappingNode) n, rest, yaml);
        }
        if (n instanceof SequenceNode && rest.get(0) instanceof Integer && (Integer) rest.get(0) == ((SequenceNode) n).getValue().size()) {
            if (rest.size() == 1) {
                return appendItem(doc, path.prefix(at.depth()), yaml);
            }
            return appendItem(doc, path.prefix(at.depth()), block(rest.subList(1, rest.size()), yaml, ""));
        }
        throw new IllegalArgumentException("cannot set " + path + ": " + path.prefix(at.depth() + 1) + " is not a map or a list");
    }

    /** Removes the key or list item at a path with its lines; a map or list it leaves empty goes too. */
    public static String remove(YamlDocument doc, YamlPath path) {
        requireTree(doc);
        if (doc.node(path).isEmpty() || path.isRoot()) {
            return doc.text();
        }
        Node parent = doc.node(path.parent()).orElseThrow();
        int siblings = parent instanceof MappingNode ? ((MappingNode) parent).getValue().size()
                : ((SequenceNode) parent).getValue().size();
        if (siblings == 1 && !path.parent().isRoot()) {
            return remove(doc, path.parent());
        }
        String text = doc.text();
        Node value = doc.node(path).orElseThrow();
        int start = parent instanceof MappingNode ? keyStart(doc, path) : itemStart(doc, value);
        int end = endOfContent(doc, value);
        if (YamlDocument.flow(parent)) {
            int[] range = flowEntryRange(text, start, end);
            return splice(text, range[0], range[1], "");
        }
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.indexOf('\n', end);
        return splice(text, lineStart, lineEnd < 0 ? text.length() : lineEnd + 1, "");
    }

    /**
     * Appends an item to the list at a path (made when missing): {@code itemBlock} is the item as
     * block YAML at indentation 0 ({@code "id: a\nmodel: x"}) or an inline value.
     */
    public static String appendItem(YamlDocument doc, YamlPath list, String itemBlock) {
        requireTree(doc);
        String text = doc.text();
        Node n = doc.node(list).orElse(null);
        if (n instanceof SequenceNode && ((SequenceNode) n).getValue().isEmpty()) {
            // an empty inline list, []: replaced by a block list holding the item
            return appendItem(YamlDocument.parse(remove(doc, list)), list, itemBlock);
        }
        if (!(n instanceof SequenceNode)) {
            return set(doc, list.index(0), itemBlock);
        }
        SequenceNode seq = (SequenceNode) n;
        Node last = seq.getValue().get(seq.getValue().size() - 1);
        if (YamlDocument.flow(seq)) {
            if (itemBlock.contains("\n")) {
                throw new IllegalArgumentException(list + " is an inline list; add the item in the text");
            }
            int close = doc.offset(seq.getEndMark().getIndex()) - 1;
            return splice(text, close, close, ", " + itemBlock);
        }
        int dash = itemStart(doc, last);
        String indent = " ".repeat(column(text, dash));
        int end = endOfContent(doc, last);
        int lineEnd = text.indexOf('\n', end);
        int at = lineEnd < 0 ? text.length() : lineEnd;
        return splice(text, at, at, "\n" + indent + "- " + indentLines(itemBlock, indent + "  "));
    }

    /** The source text of a node (a list item to copy), re-indented to column 0. */
    public static String blockOf(YamlDocument doc, YamlPath path) {
        Node n = doc.node(path).orElseThrow(() -> new IllegalArgumentException("no " + path));
        String text = doc.text();
        int start = doc.offset(n.getStartMark().getIndex());
        int column = column(text, start);
        String body = text.substring(start, endOfContent(doc, n));
        StringBuilder sb = new StringBuilder();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                sb.append('\n');
                int strip = 0;
                while (strip < column && strip < line.length() && line.charAt(strip) == ' ') {
                    strip++;
                }
                line = line.substring(strip);
            }
            sb.append(line);
        }
        return sb.toString().stripTrailing();
    }

    private static String insertEntry(YamlDocument doc, MappingNode map, List<Object> rest, String yaml) {
        String text = doc.text();
        if (YamlDocument.flow(map)) {
            int close = doc.offset(map.getEndMark().getIndex()) - 1;
            return splice(text, close, close, (map.getValue().isEmpty() ? "" : ", ") + flow(rest, yaml));
        }
        NodeTuple first = map.getValue().get(0);
        String indent = " ".repeat(column(text, doc.offset(first.getKeyNode().getStartMark().getIndex())));
        NodeTuple last = map.getValue().get(map.getValue().size() - 1);
        int end = Math.max(doc.offset(last.getKeyNode().getEndMark().getIndex()), endOfContent(doc, last.getValueNode()));
        int lineEnd = text.indexOf('\n', end);
        int at = lineEnd < 0 ? text.length() : lineEnd;
        return splice(text, at, at, "\n" + indent + block(rest, yaml, indent));
    }

    /** Nested keys as block YAML: {@code a:\n  b: v}; an index segment starts a list item. */
    private static String block(List<Object> segments, String yaml, String indent) {
        Object head = segments.get(0);
        if (segments.size() == 1) {
            return head instanceof Integer ? "- " + indentLines(yaml, indent + "  ") : head + ": " + yaml;
        }
        String inner = indent + "  ";
        String rest = block(segments.subList(1, segments.size()), yaml, inner);
        return head instanceof Integer ? "- " + rest : head + ":\n" + inner + rest;
    }

    private static String flow(List<Object> segments, String yaml) {
        if (segments.size() == 1) {
            return segments.get(0) + ": " + yaml;
        }
        return segments.get(0) + ": {" + flow(segments.subList(1, segments.size()), yaml) + "}";
    }

    private static String indentLines(String block, String indent) {
        return block.replace("\n", "\n" + indent);
    }

    /** The end of a node's own text: the last character of its last scalar or inline collection. */
    static int endOfContent(YamlDocument doc, Node n) {
        if (n instanceof MappingNode && !YamlDocument.flow(n) && !((MappingNode) n).getValue().isEmpty()) {
            List<NodeTuple> entries = ((MappingNode) n).getValue();
            NodeTuple last = entries.get(entries.size() - 1);
            return Math.max(doc.offset(last.getKeyNode().getEndMark().getIndex()), endOfContent(doc, last.getValueNode()));
        }
        if (n instanceof SequenceNode && !YamlDocument.flow(n) && !((SequenceNode) n).getValue().isEmpty()) {
            List<Node> items = ((SequenceNode) n).getValue();
            return endOfContent(doc, items.get(items.size() - 1));
        }
        return doc.offset(n.getEndMark().getIndex());
    }

    private static int keyStart(YamlDocument doc, YamlPath path) {
        MappingNode parent = (MappingNode) doc.node(path.parent()).orElseThrow();
        return doc.offset(YamlDocument.entry(parent, (String) path.last()).getKeyNode().getStartMark().getIndex());
    }

    /** The offset just after the colon that follows the key of {@code path}. */
    private static int afterColon(YamlDocument doc, YamlPath path) {
        MappingNode parent = (MappingNode) doc.node(path.parent()).orElseThrow();
        int keyEnd = doc.offset(YamlDocument.entry(parent, (String) path.last()).getKeyNode().getEndMark().getIndex());
        int colon = doc.text().indexOf(':', keyEnd);
        return colon < 0 ? keyEnd : colon + 1;
    }

    /** Where a block list item's dash is (or a flow item's first character). */
    private static int itemStart(YamlDocument doc, Node item) {
        String text = doc.text();
        int start = doc.offset(item.getStartMark().getIndex());
        for (int i = start - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
            if (text.charAt(i) == '-') {
                return i;
            }
        }
        return start;
    }

    /** An inline entry's range with one of the commas beside it. */
    private static int[] flowEntryRange(String text, int start, int end) {
        int after = end;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        if (after < text.length() && text.charAt(after) == ',') {
            after++;
            while (after < text.length() && text.charAt(after) == ' ') {
                after++;
            }
            return new int[] {start, after};
        }
        int before = start;
        while (before > 0 && text.charAt(before - 1) == ' ') {
            before--;
        }
        if (before > 0 && text.charAt(before - 1) == ',') {
            before--;
        }
        return new int[] {before, end};
    }

    private static int column(String text, int offset) {
        return offset - (text.lastIndexOf('\n', offset - 1) + 1);
    }

    private static String splice(String text, int start, int end, String with) {
        return text.substring(0, start) + with + text.substring(end);
    }

    private static void requireTree(YamlDocument doc) {
        if (!doc.parsed()) {
            throw new IllegalArgumentException("the text is not YAML: " + doc.error().orElse(""));
        }
    }
}
