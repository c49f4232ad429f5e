package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.scenario.AxisSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names points by their values: {@code NAME=VALUE} per axis, joined by commas, each part reduced
 * to letters, digits and {@code . _ + -} ({@code fifo:topology-aware} becomes
 * {@code fifo-topology-aware}); a path axis is named by its last key ({@code count} for
 * {@code workload.generators[0].count}) unless two axes would share the name. An id longer than
 * {@value #MAX} characters, or one that two points would share after that reduction, becomes
 * {@code p<index>-<hash>} instead (the hash of the values, so still stable).
 */
final class PointIds {
    static final int MAX = 120;

    private PointIds() {
    }

    /** The short names of the axes, in axis order. */
    static List<String> names(List<AxisSpec> axes) {
        List<String> shortNames = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (AxisSpec a : axes) {
            String n = a.kind() == AxisSpec.Kind.PATH && a.name().equals(a.path()) ? lastKey(a.path()) : a.name();
            shortNames.add(n);
            uses.merge(n, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            String n = shortNames.get(i);
            out.add(uses.get(n) > 1 ? slug(axes.get(i).name()) : slug(n));
        }
        return out;
    }

    /** An id for each of the points' value lists, in order. */
    static List<String> ids(List<AxisSpec> axes, List<List<Object>> points) {
        List<String> names = names(axes);
        List<String> out = new ArrayList<>(points.size());
        Map<String, Integer> uses = new HashMap<>();
        for (List<Object> values : points) {
            StringBuilder b = new StringBuilder();
            for (int a = 0; a < values.size(); a++) {
                if (a > 0) {
                    b.append(',');
                }
                b.append(names.get(a)).append('=').append(slug(AxisSpec.text(values.get(a))));
            }
            String id = b.toString();
            out.add(id);
            uses.merge(id, 1, Integer::sum);
        }
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            String id = out.get(i);
            if (id.length() > MAX || uses.get(id) > 1 || id.isEmpty()) {
                id = "p" + i + "-" + hash(points.get(i));
            }
            if (!taken.add(id)) {
                throw new IllegalStateException("two points share the id " + id);
            }
            out.set(i, id);
        }
        return out;
    }

    private static String lastKey(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }

    static String slug(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._+-]", "-");
        return s.isEmpty() ? "-" : s;
    }

    /** FNV-1a over the values' texts, 8 hex digits. */
    private static String hash(List<Object> values) {
        long h = 0xcbf29ce484222325L;
        for (Object v : values) {
            for (byte b : (AxisSpec.text(v) + "\u0000").getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
        }
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }
}
