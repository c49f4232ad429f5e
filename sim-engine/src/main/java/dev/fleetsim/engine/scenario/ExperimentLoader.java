package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.scenario.ExperimentKeys.Axis;
import dev.fleetsim.engine.scenario.ExperimentKeys.Top;
import dev.fleetsim.engine.hardware.GpuSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an experiment file ({@code fleetsim sweep FILE}, docs/SWEEPS.md) into an
 * {@link ExperimentSpec}, every problem at once with its path, like a scenario: the base scenario
 * (a file beside the experiment, or inline) is validated in full, each axis is checked for its
 * shape (a named axis, a scenario path, or {@code NAME: {path, values}}; distinct scalar values),
 * and {@code seeds} becomes the innermost axis. Whether each value suits its path is the
 * scenario's own validation's to say; the engine's experiment plan applies every value and
 * validates the result, so those problems are named by axis and value too.
 */
public final class ExperimentLoader {
    /** The most points one experiment may expand to: beyond this a typo is likelier than intent. */
    public static final long MAX_POINTS = 100_000;
    /** The most values one axis may have. */
    public static final int MAX_VALUES = 10_000;
    private static final Pattern PATH = Pattern.compile(
            "[A-Za-z0-9_-]+(\\[(\\d+|\\*)])*(\\.[A-Za-z0-9_-]+(\\[(\\d+|\\*)])*)*");

    private final Map<String, GpuSpec> shipped;

    public ExperimentLoader(Map<String, GpuSpec> shippedCatalogue) {
        this.shipped = Collections.unmodifiableMap(new LinkedHashMap<>(shippedCatalogue));
    }

    /** Reads and validates an experiment file; a relative {@code scenario} path is read beside it. */
    public ExperimentSpec load(Path file, ScenarioChecks checks) throws ScenarioException {
        Documents.Text text = Documents.text(file, "an experiment file", ScenarioDocument.MAX_FILE_BYTES);
        if (!text.problems().isEmpty()) {
            throw new ScenarioException(file.toString(), text.problems());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text.text(), file.toString(), dir == null ? Path.of("") : dir, checks);
    }

    /** Validates experiment text; a relative {@code scenario} path is read from {@code baseDir}. */
    public ExperimentSpec parse(String text, String sourceName, Path baseDir, ScenarioChecks checks)
            throws ScenarioException {
        ProblemList problems = new ProblemList();
        JsonNode tree = ScenarioDocument.read(text, sourceName.toLowerCase(java.util.Locale.ROOT).endsWith(".json"), problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems.toList());
        }
        Cursor root = Cursor.root(tree, problems);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            root.problem("an empty document", "an experiment: name, scenario, axes, ...");
            throw new ScenarioException(sourceName, problems.toList());
        }
        if (!root.map(Top.SECTION)) {
            throw new ScenarioException(sourceName, problems.toList());
        }
        String name = Top.NAME.read(root);
        String description = Top.DESCRIPTION.read(root);
        ScenarioSpec base = readScenario(Top.SCENARIO.at(root), baseDir, checks, problems);
        List<AxisSpec> axes = readAxes(Top.AXES.at(root), base);
        List<Long> seeds = readSeeds(Top.SEEDS.at(root));
        if (seeds != null) {
            if (axes.stream().anyMatch(a -> a.kind() == AxisSpec.Kind.SEED)) {
                Top.SEEDS.at(root).problem("seeds and a seed axis", "one of them: seeds is the seed axis, innermost");
            } else {
                axes.add(new AxisSpec("seed", AxisSpec.Kind.SEED, "", new ArrayList<>(seeds)));
            }
        }
        long points = 1;
        for (AxisSpec a : axes) {
            points = Math.min(MAX_POINTS + 1, points * a.values().size());
        }
        if (points > MAX_POINTS) {
            Top.AXES.at(root).problem("more than " + MAX_POINTS + " points", "at most " + MAX_POINTS
                    + " points (the product of the axes' sizes): split the experiment");
        }
        List<String> metrics = readMetrics(Top.METRICS.at(root));
        Boolean full = Top.FULL_OUTPUTS.read(root);
        Boolean charts = Top.CHARTS.read(root);
        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems.toList());
        }
        String baseYaml = new ScenarioWriter(shipped).write(base);
        return new ExperimentSpec(name, description, base, baseYaml, axes, metrics, full, charts);
    }

    private ScenarioSpec readScenario(Cursor c, Path baseDir, ScenarioChecks checks, ProblemList problems) {
        if (!c.present()) {
            c.problem(c.found(), Top.SCENARIO.type().allowed());
            return null;
        }
        ScenarioLoader loader = new ScenarioLoader(shipped);
        if (c.node().isTextual()) {
            String ref = c.node().asText().trim();
            Path file;
            try {
                file = baseDir.resolve(ref);
            } catch (java.nio.file.InvalidPathException e) {
                c.problem(c.found(), "the path of a scenario file");
                return null;
            }
            if (!Files.isRegularFile(file)) {
                String where = Files.isDirectory(file) ? "a folder" : "no file at " + Echo.plain(file.toString());
                c.problem(c.found() + " (" + where + ")",
                        "a scenario file, relative to the experiment file");
                return null;
            }
            try {
                return loader.load(file, checks);
            } catch (ScenarioException e) {
                FileKind kind = FileKind.of(file);
                if (kind != FileKind.SCENARIO && kind != FileKind.UNKNOWN && kind != FileKind.OTHER_DOCUMENT) {
                    c.problem(c.found() + ", " + kind.words(), "a scenario file (its cluster and workload), relative to the"
                            + " experiment file");
                    return null;
                }
                e.problems().forEach(p -> problems.add(new Problem("scenario " + ref + ": " + p.path(), p.found(),
                        p.allowed())));
                return null;
            }
        }
        if (c.node().isObject()) {
            try {
                return loader.parse(c.node().toString(), "scenario.json", checks);
            } catch (ScenarioException e) {
                e.problems().forEach(p -> problems.add(new Problem("scenario." + p.path(), p.found(), p.allowed())));
                return null;
            }
        }
        c.problem(c.found(), Top.SCENARIO.type().allowed());
        return null;
    }

    private static List<AxisSpec> readAxes(Cursor c, ScenarioSpec base) {
        List<AxisSpec> out = new ArrayList<>();
        if (!c.present()) {
            c.problem(c.found(), Top.AXES.type().allowed());
            return out;
        }
        Map<String, Cursor> entries = c.entries(Top.AXES.type().allowed());
        if (entries.isEmpty() && c.node() != null && c.node().isObject()) {
            c.problem("no axes", "at least one axis, e.g. policy: [fifo, las]");
        }
        Set<String> paths = new LinkedHashSet<>();
        for (Map.Entry<String, Cursor> e : entries.entrySet()) {
            AxisSpec axis = readAxis(e.getKey(), e.getValue(), base);
            if (axis == null) {
                continue;
            }
            String key = axis.kind() == AxisSpec.Kind.PATH ? axis.path() : axis.kind().name();
            if (!paths.add(key)) {
                e.getValue().problem("a second axis over " + (axis.kind() == AxisSpec.Kind.PATH ? axis.path()
                        : "the " + axis.name()), "each setting on one axis");
                continue;
            }
            out.add(axis);
        }
        return out;
    }

    private static AxisSpec readAxis(String name, Cursor c, ScenarioSpec base) {
        boolean isPath = name.indexOf('.') >= 0 || name.indexOf('[') >= 0;
        if (c.node() != null && c.node().isObject()) {
            int mark = c.mark();
            if (!c.map(Axis.SECTION)) {
                return null;
            }
            String path = Axis.PATH.read(c);
            if (isPath || ExperimentKeys.NAMED_AXES.contains(name)) {
                c.problem("a long-form axis named \"" + name + "\"", "a name of your own (not a path or one of "
                        + String.join(", ", ExperimentKeys.NAMED_AXES) + ") for {path, values}");
            }
            if (path != null && !PATH.matcher(path).matches()) {
                Axis.PATH.at(c).problem("\"" + path + "\"", "a scenario path: keys separated by dots, list items as [0] "
                        + "or [*], e.g. workload.generators[0].count");
            }
            List<Object> values = readValues(Axis.VALUES.at(c), false);
            return c.cleanSince(mark) ? new AxisSpec(name, AxisSpec.Kind.PATH, path, values) : null;
        }
        if (isPath) {
            if (!PATH.matcher(name).matches()) {
                c.problem("axis \"" + name + "\"", "a scenario path: keys separated by dots, list items as [0] or [*], "
                        + "e.g. workload.generators[0].count");
                return null;
            }
            List<Object> values = readValues(c, false);
            return values == null ? null : new AxisSpec(name, AxisSpec.Kind.PATH, name, values);
        }
        switch (name) {
            case "policy":
                return strings(name, AxisSpec.Kind.POLICY, c);
            case "placement":
                return strings(name, AxisSpec.Kind.PLACEMENT, c);
            case "seed": {
                List<Long> seeds = readSeeds(c);
                return seeds == null ? null : new AxisSpec(name, AxisSpec.Kind.SEED, "", new ArrayList<>(seeds));
            }
            case "gpuType":
                return path(name, "cluster.nodeGroups[*].gpuType", c);
            case "oversubscription":
                return path(name, "cluster.fabric.oversubscription", c);
            case "nodes":
                if (base != null && base.cluster().nodeGroups().size() != 1) {
                    c.problem("nodes over " + base.cluster().nodeGroups().size() + " node groups",
                            "the path of the group's count, e.g. cluster.nodeGroups[1].count: [8, 16]");
                    return null;
                }
                return path(name, "cluster.nodeGroups[0].count", c);
            default:
                c.problem("unknown axis \"" + name + "\"", "a named axis (" + String.join(", ", ExperimentKeys.NAMED_AXES)
                        + "), a scenario path such as workload.generators[0].count, or NAME: {path, values}"
                        + Suggestions.hint(name, ExperimentKeys.NAMED_AXES));
                return null;
        }
    }

    private static AxisSpec path(String name, String path, Cursor c) {
        List<Object> values = readValues(c, false);
        return values == null ? null : new AxisSpec(name, AxisSpec.Kind.PATH, path, values);
    }

    private static AxisSpec strings(String name, AxisSpec.Kind kind, Cursor c) {
        List<Object> values = readValues(c, true);
        return values == null ? null : new AxisSpec(name, kind, "", values);
    }

    /** A non-empty list of distinct scalars (strings only when {@code text}); null (reported) otherwise. */
    private static List<Object> readValues(Cursor c, boolean text) {
        String allowed = text ? "a non-empty list of names, e.g. [fifo, las]" : "a non-empty list of values, e.g. [8, 16, 32]";
        if (c.node() == null || !c.node().isArray() || c.node().isEmpty()) {
            c.problem(c.found(), allowed);
            return null;
        }
        if (c.node().size() > MAX_VALUES) {
            c.problem("a list of " + c.node().size(), "at most " + MAX_VALUES + " values");
            return null;
        }
        int mark = c.mark();
        List<Object> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Cursor item : c.list(allowed)) {
            Object v = item.node().isContainerNode() ? null : ScenarioLoader.scalar(item.node());
            if (v == null || text && !(v instanceof String)) {
                item.problem(item.found(), text ? "a name" : "a finite number, a string or true/false");
                continue;
            }
            if (v instanceof String) {
                v = ((String) v).trim();
            }
            if (!seen.add(AxisSpec.text(v))) {
                item.problem(item.found() + " twice", "each value once");
                continue;
            }
            out.add(v);
        }
        return c.cleanSince(mark) ? out : null;
    }

    /** {@code 1..5}, {@code [1, 4, 9]} or {@code 7}: distinct seeds in order; null when absent or wrong (reported). */
    private static List<Long> readSeeds(Cursor c) {
        if (!c.present()) {
            return null;
        }
        String allowed = "seeds: a range \"1..5\", a list [1, 4, 9], or one seed";
        List<Long> out = new ArrayList<>();
        JsonNode n = c.node();
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            out.add(n.asLong());
            return out;
        }
        if (n.isTextual()) {
            String t = n.asText().trim();
            int dots = t.indexOf("..");
            try {
                long from = Long.parseLong(dots < 0 ? t : t.substring(0, dots).trim());
                long to = dots < 0 ? from : Long.parseLong(t.substring(dots + 2).trim());
                if (to < from || to - from >= MAX_VALUES) {
                    c.problem(c.found(), allowed + ", at most " + MAX_VALUES + " of them, increasing");
                    return null;
                }
                for (long s = from; s <= to; s++) {
                    out.add(s);
                }
                return out;
            } catch (NumberFormatException e) {
                c.problem(c.found(), allowed);
                return null;
            }
        }
        if (n.isArray() && !n.isEmpty() && n.size() <= MAX_VALUES) {
            int mark = c.mark();
            Set<Long> seen = new LinkedHashSet<>();
            for (Cursor item : c.list(allowed)) {
                if (!item.node().isIntegralNumber() || !item.node().canConvertToLong()) {
                    item.problem(item.found(), "a seed: a whole number");
                } else if (!seen.add(item.node().asLong())) {
                    item.problem(item.found() + " twice", "each seed once");
                }
            }
            return c.cleanSince(mark) ? new ArrayList<>(seen) : null;
        }
        c.problem(c.found(), allowed);
        return null;
    }

    private static List<String> readMetrics(Cursor c) {
        if (!c.present()) {
            return Top.METRICS.defaultValue();
        }
        List<String> known = ExperimentKeys.metricNames();
        List<String> out = new ArrayList<>();
        if (!c.node().isArray() || c.node().isEmpty()) {
            c.problem(c.found(), "a non-empty list of metric names: " + String.join(", ", known));
            return out;
        }
        for (Cursor item : c.list("a list of metric names")) {
            String m = item.node().isTextual() ? item.node().asText().trim() : null;
            if (m == null || !known.contains(m)) {
                item.problem(item.found(), "a metric name: " + Suggestions.oneOf(String.valueOf(m), known));
            } else if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The resolved experiment file: base scenario inline, axes in full, seeds as the seed axis; it reads back the same. */
    public String write(ExperimentSpec e) {
        try {
            JsonNode base = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(e.baseYaml());
            return "# Resolved experiment: the base scenario inline, every axis in full; `fleetsim sweep` reads it as is.\n"
                    + new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                    .writeValueAsString(ExperimentKeys.write(e, (com.fasterxml.jackson.databind.node.ObjectNode) base));
        } catch (IOException ex) {
            throw new IllegalStateException("a resolved scenario always reads back", ex);
        }
    }
}
