package dev.fleetsim.engine.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/SCENARIO-FORMAT.md against the declared keys: every section has a table with a row for
 * each of its keys, and where the table has a default column, the row's default is the declared
 * one ({@code `4`}, {@code required}, {@code the model's}), and a bounded value's row states its
 * declared bounds as the declaration words them ({@code 0 s to 1 s}, {@code 1 to 1,000,000}). A section kept short in its parent's
 * row ({@code parallelism: map {tp, pp, dp}}) must name all its keys there.
 */
class ScenarioFormatDocTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** One row of a Markdown table: the keys its first cell names, and its cells by header. */
    private record Row(Set<String> keys, Map<String, String> cells, String text) {
    }

    @Test
    void everyDeclaredKeyHasItsRowAndItsDefault() throws Exception {
        List<List<Row>> tables = tables(Files.readAllLines(ScenarioFiles.repoFile("docs/SCENARIO-FORMAT.md")));
        Map<Section<?>, Key<?, ?>> parents = parents();
        List<String> missing = new ArrayList<>();
        for (Section<?> section : ScenarioKeys.sections()) {
            if (section == JobKeys.Job.TEMPLATE) {
                continue; // the job's keys, documented as "a job without ..."
            }
            List<Row> table = tableFor(section, tables);
            if (table == null) {
                checkInParentRow(section, parents.get(section), tables, missing);
                continue;
            }
            for (Key<?, ?> key : section.keys()) {
                Row row = table.stream().filter(r -> r.keys().contains(key.name())).findFirst().orElseThrow();
                String cell = row.cells().get("default");
                if (cell != null && !cell.startsWith(key.defaultDoc())) {
                    missing.add(section.id() + "." + key.name() + ": the default cell is \"" + cell
                            + "\", the declaration says " + key.defaultDoc());
                }
                String range = key.type() instanceof ValueType.Scalar ? ((ValueType.Scalar<?>) key.type()).range() : null;
                if (range != null && !row.text().contains(range)) {
                    missing.add(section.id() + "." + key.name() + ": the row does not give the declared bounds \""
                            + range + "\": " + row.text());
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** The smallest table with a row for every key of the section. */
    private static List<Row> tableFor(Section<?> section, List<List<Row>> tables) {
        List<Row> best = null;
        for (List<Row> table : tables) {
            Set<String> keys = new LinkedHashSet<>();
            table.forEach(r -> keys.addAll(r.keys()));
            if (keys.containsAll(section.names()) && (best == null || table.size() < best.size())) {
                best = table;
            }
        }
        return best;
    }

    private static void checkInParentRow(Section<?> section, Key<?, ?> parent, List<List<Row>> tables,
                                         List<String> missing) {
        if (parent == null) {
            missing.add(section.id() + ": no table with a row for each of " + section.names());
            return;
        }
        boolean found = tables.stream().flatMap(List::stream).anyMatch(r -> r.keys().contains(parent.name())
                && section.names().stream().allMatch(k -> Pattern.compile("\\b" + Pattern.quote(k) + "\\b")
                .matcher(r.text()).find()));
        if (!found) {
            missing.add(section.id() + ": no table with a row for each of " + section.names()
                    + ", and no row of " + parent.name() + " that names them all");
        }
    }

    /** The key that holds each nested section. */
    private static Map<Section<?>, Key<?, ?>> parents() {
        Map<Section<?>, Key<?, ?>> out = new HashMap<>();
        for (Section<?> s : ScenarioKeys.sections()) {
            for (Key<?, ?> k : s.keys()) {
                k.type().sections().forEach(inner -> out.putIfAbsent(inner, k));
            }
        }
        return out;
    }

    private static List<List<Row>> tables(List<String> lines) {
        List<List<Row>> tables = new ArrayList<>();
        List<String> header = null;
        List<Row> rows = null;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = new ArrayList<>();
                for (String c : cells) {
                    header.add(c.toLowerCase(Locale.ROOT));
                }
                rows = new ArrayList<>();
                tables.add(rows);
            } else if (!cells.get(0).startsWith("---")) {
                Map<String, String> byHeader = new HashMap<>();
                for (int i = 0; i < cells.size() && i < header.size(); i++) {
                    byHeader.put(header.get(i), cells.get(i));
                }
                Set<String> keys = new LinkedHashSet<>();
                Matcher m = CODE.matcher(cells.get(0));
                while (m.find()) {
                    keys.add(m.group(1));
                }
                rows.add(new Row(keys, byHeader, line));
            }
        }
        return tables;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        for (String c : inner.split("\\|", -1)) {
            out.add(c.trim());
        }
        return out;
    }
}
