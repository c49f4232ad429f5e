package dev.fleetsim.desktop.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a scenario document as the engine's problems write it: dotted keys and
 * {@code [index]} for list items ({@code workload.jobs[3].parallelism.tp}). Immutable.
 *
 * @param segments keys ({@link String}) and indices ({@link Integer}), root first
 */
public record YamlPath(List<Object> segments) {

    public static final YamlPath ROOT = new YamlPath(List.of());

    public YamlPath {
        segments = List.copyOf(segments);
    }

    /** Parses {@code a.b[2].c}; an empty text is the root. */
    public static YamlPath parse(String text) {
        List<Object> out = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                flush(key, out);
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                String inside = close > i ? text.substring(i + 1, close) : "";
                if (close > i && inside.matches("\\d{1,9}")) {
                    flush(key, out);
                    out.add(Integer.parseInt(inside));
                    i = close;
                } else {
                    key.append(c);
                }
            } else {
                key.append(c);
            }
        }
        flush(key, out);
        return new YamlPath(out);
    }

    private static void flush(StringBuilder key, List<Object> out) {
        if (key.length() > 0) {
            out.add(key.toString());
            key.setLength(0);
        }
    }

    public YamlPath key(String name) {
        List<Object> s = new ArrayList<>(segments);
        s.add(name);
        return new YamlPath(s);
    }

    public YamlPath index(int i) {
        List<Object> s = new ArrayList<>(segments);
        s.add(i);
        return new YamlPath(s);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public int size() {
        return segments.size();
    }

    public Object last() {
        return segments.get(segments.size() - 1);
    }

    public YamlPath parent() {
        return new YamlPath(segments.subList(0, segments.size() - 1));
    }

    /** The first {@code n} segments. */
    public YamlPath prefix(int n) {
        return new YamlPath(segments.subList(0, n));
    }

    /** True when {@code other} is this path or lies under it. */
    public boolean contains(YamlPath other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer) {
                sb.append('[').append(s).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
