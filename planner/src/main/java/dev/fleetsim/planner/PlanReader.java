package dev.fleetsim.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.Validation;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.pricing.Purchase;
import dev.fleetsim.engine.scenario.Documents;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.FileKind;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Units;
import dev.fleetsim.engine.topology.NodeGroupSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plan file (YAML, docs/PLANNING.md) and the scenario it names, collecting every
 * problem with its path before giving up, so a user fixes a file in one pass.
 */
public final class PlanReader {
    private static final Set<String> TOP = Set.of("name", "scenario", "group", "options", "nodes", "oversubscription",
            "policies", "constraints", "seeds");
    private static final int MAX_NODES = 100_000;

    private static final java.util.regex.Pattern SEED_RANGE = java.util.regex.Pattern.compile("(\\d{1,18})\\s*\\.\\.\\s*(\\d{1,18})");
    private final Fleetsim fleetsim;
    private final List<String> problems = new ArrayList<>();

    public PlanReader(Fleetsim fleetsim) {
        this.fleetsim = fleetsim;
    }

    public PlanSpec read(Path file) throws PlanException {
        // Read as scenario files are: UTF-8 checked, syntax errors at their line and column.
        Documents.Tree read = Documents.tree(file, "a plan file", 1 << 20);
        if (!read.ok()) {
            throw new PlanException(file.toString(), read.problems().stream().map(Problem::toString).toList());
        }
        JsonNode root = read.tree();
        if (root == null || !root.isObject()) {
            throw new PlanException(file.toString(), List.of("(top level): found " + kind(root)
                    + "; expected a map with name, scenario, options, nodes, constraints"));
        }
        unknownKeys(root, "", TOP);
        String name = text(root, "name", null);
        String scenarioPath = text(root, "scenario", null);
        ScenarioSpec base = null;
        Path scenarioFile = null;
        if (scenarioPath != null) {
            try {
                scenarioFile = file.toAbsolutePath().getParent().resolve(scenarioPath);
            } catch (java.nio.file.InvalidPathException e) { // was an internal error: a NUL in the path
                problems.add("scenario: found " + Echo.quoted(scenarioPath) + ", which holds a character no path may hold; expected a"
                        + " scenario file, relative to the plan file");
            }
        }
        if (scenarioFile != null) {
            Validation v = fleetsim.validate(scenarioFile);
            FileKind kind = v.valid() ? FileKind.SCENARIO : FileKind.of(scenarioFile);
            if (!v.valid() && kind != FileKind.SCENARIO && kind != FileKind.UNKNOWN && kind != FileKind.OTHER_DOCUMENT) {
                problems.add("scenario: found " + Echo.quoted(scenarioPath) + ", " + kind.words() + "; expected a scenario file (its"
                        + " cluster and workload), relative to the plan file");
            } else if (!v.valid()) {
                for (Problem p : v.problems()) {
                    problems.add("scenario (" + Echo.plain(scenarioPath) + "): " + p);
                }
            } else {
                base = v.spec().orElseThrow();
            }
        }
        String group = null;
        if (base != null) {
            List<NodeGroupSpec> groups = base.cluster().nodeGroups();
            group = text(root, "group", groups.get(0).name());
            String g = group;
            if (groups.stream().noneMatch(x -> x.name().equals(g))) {
                problems.add("group: found " + Echo.quoted(group) + "; expected a node group of the scenario: "
                        + String.join(", ", groups.stream().map(NodeGroupSpec::name).toList()));
            }
        }
        List<PlanSpec.Option> options = options(root.path("options"), base);
        int min = 1;
        int max = 1;
        JsonNode nodes = root.path("nodes");
        if (!nodes.isObject()) {
            problems.add("nodes: found " + kind(nodes) + "; expected {min: N, max: M}, the node counts to search");
        } else {
            unknownKeys(nodes, "nodes.", Set.of("min", "max"));
            int before = problems.size();
            min = integer(nodes, "nodes.min", "min", 0, MAX_NODES);
            max = integer(nodes, "nodes.max", "max", 1, MAX_NODES);
            if (problems.size() == before && max < min) {
                problems.add("nodes.max: found " + max + "; expected at least nodes.min (" + min + ")");
            }
        }
        List<Double> over = new ArrayList<>();
        JsonNode o = root.path("oversubscription");
        if (o.isMissingNode()) {
            over.add(base == null ? 1.0 : base.cluster().fabric().oversubscription());
        } else {
            for (JsonNode v : list(o, "oversubscription", "of leaf oversubscriptions from 1 to 1000, such as [1, 2]")) {
                if (!v.isNumber() || v.asDouble() < 1 || v.asDouble() > 1000) {
                    problems.add("oversubscription: found " + kind(v) + "; expected numbers from 1 to 1000");
                } else {
                    over.add(v.asDouble());
                }
            }
        }
        List<String> policies = new ArrayList<>();
        JsonNode p = root.path("policies");
        if (p.isMissingNode()) {
            policies.add(base == null ? "fifo" : base.policy().name());
        } else {
            for (JsonNode v : list(p, "policies", "of policy names, such as [fifo, backfill]")) {
                String policy = v.asText();
                if (!fleetsim.policies().names().contains(policy)) {
                    problems.add("policies: found " + Echo.quoted(policy) + "; expected registered policies: "
                            + Suggestions.oneOf(policy, fleetsim.policies().names()));
                } else {
                    policies.add(policy);
                }
            }
        }
        List<Constraint> constraints = new PlanConstraints(problems, base, scenarioPath).read(root.path("constraints"));
        List<Long> screen = List.of(1L);
        List<Long> confirm = List.of(1L, 2L, 3L);
        JsonNode seeds = root.path("seeds");
        if (!seeds.isMissingNode() && !seeds.isObject()) {
            // was accepted, silently planning on the default seeds
            problems.add("seeds: found " + kind(seeds) + "; expected {screen: [1], confirm: [1, 2, 3]}, the seeds to"
                    + " screen and to confirm on");
        } else if (!seeds.isMissingNode()) {
            unknownKeys(seeds, "seeds.", Set.of("screen", "confirm"));
            int before = problems.size();
            screen = seedList(seeds.path("screen"), "seeds.screen", screen);
            confirm = seedList(seeds.path("confirm"), "seeds.confirm", confirm);
            if (problems.size() == before && !confirm.containsAll(screen)) {
                problems.add("seeds.confirm: found " + confirm + "; expected a list that holds every screen seed " + screen);
            }
        }
        if (!problems.isEmpty()) {
            throw new PlanException(file.toString(), problems);
        }
        // The screen seeds first, so that a survivor's confirmation reuses its screening runs.
        Set<Long> ordered = new LinkedHashSet<>(screen);
        ordered.addAll(confirm);
        return new PlanSpec(name, base, group, options, min, max, over, policies, constraints, screen,
                List.copyOf(ordered));
    }

    private List<PlanSpec.Option> options(JsonNode n, ScenarioSpec base) {
        List<PlanSpec.Option> out = new ArrayList<>();
        if (!n.isArray() || n.isEmpty()) {
            problems.add("options: found " + kind(n) + "; expected a list of {name, gpuType, purchase}: the choices for the group");
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            String path = "options[" + i + "]";
            if (!item.isObject()) {
                problems.add(path + ": found " + kind(item) + "; expected {name, gpuType, purchase}");
                continue;
            }
            unknownKeys(item, path + ".", Set.of("name", "gpuType", "purchase"));
            String name = text(item, "name", null, path + ".name");
            String type = text(item, "gpuType", null, path + ".gpuType");
            String purchaseText = text(item, "purchase", Purchase.ON_DEMAND.key(), path + ".purchase");
            Purchase purchase = null;
            for (Purchase p : Purchase.values()) {
                if (p.key().equals(purchaseText)) {
                    purchase = p;
                }
            }
            if (purchase == null) {
                problems.add(path + ".purchase: found " + Echo.quoted(purchaseText)
                        + "; expected on-demand, reserved-1y, reserved-3y, spot or owned" + Suggestions.hint(purchaseText,
                        Arrays.stream(Purchase.values()).map(Purchase::key).toList()));
            }
            if (name != null && !names.add(name)) {
                problems.add(path + ".name: found " + Echo.quoted(name) + " a second time; expected a name of its own");
            }
            if (base != null && type != null && !base.hardware().containsKey(type)) {
                problems.add(path + ".gpuType: found " + Echo.quoted(type) + "; expected a GPU type of the catalogue or the scenario: "
                        + String.join(", ", base.hardware().keySet()) + Suggestions.hint(type, base.hardware().keySet()));
            } else if (base != null && type != null && purchase != null && !base.cost().prices(type).offers(purchase)) {
                problems.add(path + ".purchase: found " + purchase.key() + " for " + type + ", which has no such price;"
                        + " expected on-demand, or cost.prices." + type + " in the scenario (docs/PRICING.md)");
            }
            if (name != null && type != null && purchase != null) {
                out.add(new PlanSpec.Option(name, type, purchase));
            }
        }
        return out;
    }

    private List<Long> seedList(JsonNode n, String path, List<Long> fallback) {
        if (n.isMissingNode()) {
            return fallback;
        }
        List<Long> out = new ArrayList<>();
        java.util.regex.Matcher range = n.isTextual() ? SEED_RANGE.matcher(n.asText().strip()) : null;
        if (range != null && range.matches()) {
            // a range as experiments and --seeds take it: "1..5"
            long from = Long.parseLong(range.group(1));
            long to = Long.parseLong(range.group(2));
            if (to < from || to - from >= 100) {
                problems.add(path + ": found " + kind(n) + "; expected 1 to 100 seeds, increasing, such as \"1..3\" or [1, 2, 3]");
                return fallback;
            }
            for (long s = from; s <= to; s++) {
                out.add(s);
            }
            return out;
        }
        if (!n.isArray()) {
            problems.add(path + ": found " + kind(n) + "; expected 1 to 100 whole-number seeds: a list such as [1, 2, 3] or a"
                    + " range such as \"1..3\"");
            return fallback;
        }
        for (JsonNode v : list(n, path, "of seeds")) {
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                problems.add(path + ": found " + kind(v) + "; expected whole-number seeds");
            } else if (!out.contains(v.asLong())) {
                out.add(v.asLong());
            }
        }
        if (out.isEmpty() || out.size() > 100) {
            problems.add(path + ": found " + out.size() + " seeds; expected 1 to 100");
        }
        return out;
    }

    private List<JsonNode> list(JsonNode n, String path, String of) {
        List<JsonNode> out = new ArrayList<>();
        if (!n.isArray()) {
            problems.add(path + ": found " + kind(n) + "; expected a list " + of);
            return out;
        }
        n.forEach(out::add);
        return out;
    }

    private String text(JsonNode n, String key, String fallback) {
        return text(n, key, fallback, key);
    }

    private String text(JsonNode n, String key, String fallback, String path) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            if (fallback == null) {
                problems.add(path + ": found " + (v.isNull() ? "null" : "nothing") + "; expected " + key
                        + ", a non-empty text");
            }
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(path + ": found " + kind(v) + "; expected a non-empty text");
            return fallback;
        }
        return v.asText();
    }

    private int integer(JsonNode n, String path, String key, int min, int max) {
        JsonNode v = n.path(key);
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problems.add(path + ": found " + kind(v) + "; expected a whole number from " + min + " to " + max);
            return min;
        }
        return v.asInt();
    }

    private void unknownKeys(JsonNode n, String prefix, Set<String> allowed) {
        if (!n.isObject()) {
            return;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                // an empty or 20,000-character key is named as a path can show it
                problems.add(prefix + (k.isEmpty() ? "\"\"" : Echo.plain(k)) + ": found unknown key " + Echo.quoted(k)
                        + "; expected " + Suggestions.oneOf(k, new java.util.TreeSet<>(allowed)));
            }
        }
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isObject()) {
            return n.isEmpty() ? "an empty map" : "a map";
        }
        if (n.isArray()) {
            return n.isEmpty() ? "an empty list" : "a list";
        }
        if (n.isNull()) {
            return "null";
        }
        // escaped and cut (a 19,000-character value was echoed whole, and the line cut lost its "expected")
        return n.isTextual() ? Echo.quoted(n.asText()) : Echo.plain(n.asText());
    }
}
