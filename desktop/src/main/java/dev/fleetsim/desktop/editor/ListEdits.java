package dev.fleetsim.desktop.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * Adding list items from the form: a copy of an existing item with a fresh id (or name), or the
 * list's template when there is nothing to copy, appended where the list is in the text.
 */
final class ListEdits {
    private ListEdits() {
    }

    static String add(YamlDocument doc, FormNode.ListNode list, int copyOf) {
        YamlPath path = list.path();
        int n = doc.size(path);
        if (copyOf >= 0 && copyOf < n) {
            YamlPath source = path.index(copyOf);
            String block = YamlEdits.blockOf(doc, source);
            String key = doc.scalar(source.key("id")).isPresent() ? "id" : "name";
            String appended = YamlEdits.appendItem(doc, path, block);
            YamlDocument after = YamlDocument.parse(appended);
            String base = doc.scalar(source.key(key)).orElse(key);
            return YamlEdits.set(after, path.index(n).key(key), YamlEdits.scalar(ItemTemplates.fresh(base, names(doc, path, key)), true));
        }
        String template = ItemTemplates.of(path).orElseGet(() -> "name: %s");
        String key = template.startsWith("id:") ? "id" : "name";
        String stem = path.last() instanceof String ? singular((String) path.last()) : "item";
        String name = ItemTemplates.fresh(stem + "-1", names(doc, path, key));
        return YamlEdits.appendItem(doc, path, String.format(template, name));
    }

    static String addTrace(YamlDocument doc, FormNode.ListNode generators) {
        String name = ItemTemplates.fresh("trace-1", names(doc, generators.path(), "name"));
        return YamlEdits.appendItem(doc, generators.path(), ItemTemplates.traceGenerator(name));
    }

    private static List<String> names(YamlDocument doc, YamlPath list, String key) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < doc.size(list); i++) {
            doc.scalar(list.index(i).key(key)).ifPresent(out::add);
        }
        return out;
    }

    /** {@code nodeGroups} to {@code nodeGroup}, {@code jobs} to {@code job}. */
    private static String singular(String plural) {
        String s = plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
        return s.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
