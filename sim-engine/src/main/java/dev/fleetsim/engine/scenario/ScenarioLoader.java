package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a scenario file (YAML, or JSON, which YAML includes) into a validated
 * {@link ScenarioSpec}. The document is read into a tree and walked by hand, section by
 * section, collecting every problem with its path rather than stopping at the first; any
 * problem throws {@link ScenarioException} and nothing is built. The engine's
 * {@link JobFeasibilityCheck} runs last, only on a file that is otherwise valid, so its
 * messages are never about a half-read job. docs/SCENARIO-FORMAT.md is the reference of the format.
 * Instances hold only the shipped catalogue and are safe to share between threads.
 */
public final class ScenarioLoader {

    static final List<String> TOP_KEYS = List.of("name", "description", "simulation", "hardware", "cluster",
            "workload", "policy", "cost");
    static final List<String> SIMULATION_KEYS = List.of("seed", "horizon", "timeseriesPoints", "charts", "network");
    static final Map<String, NetworkMode> NETWORK_MODES = Map.of("flow", NetworkMode.FLOW, "analytic", NetworkMode.ANALYTIC);
    static final List<String> POLICY_KEYS = List.of("name", "params", "preemption");
    static final List<String> PREEMPTION_KEYS = List.of("checkpointInterval", "restartOverhead");
    static final List<String> COST_KEYS = List.of("pue", "electricity");

    private static final Pattern SNAKEYAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'.*");

    static final SimulationSpec DEFAULT_SIMULATION = new SimulationSpec(OptionalLong.empty(), 0, 500, true);
    static final PolicySpec DEFAULT_POLICY = new PolicySpec("fifo", Map.of());
    static final CostSpec DEFAULT_COST = new CostSpec(1.2, 0.12);

    private final Map<String, GpuSpec> shipped;

    /** A loader over the shipped hardware catalogue. */
    public ScenarioLoader() {
        this(HardwareCatalog.defaults());
    }

    /** A loader over another base catalogue, e.g. one with calibrated entries. */
    public ScenarioLoader(Map<String, GpuSpec> shippedCatalogue) {
        // Kept in catalogue order, which is the order messages list the types in.
        this.shipped = Collections.unmodifiableMap(new LinkedHashMap<>(shippedCatalogue));
    }

    /** Reads and validates a file; {@code .json} files are read as strict JSON, any other as YAML. */
    public ScenarioSpec load(Path file, JobFeasibilityCheck check) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), List.of(new Problem("(file)", "no file at " + file.toAbsolutePath(),
                    "the path of a scenario file")));
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), List.of(new Problem("(file)", e.toString(),
                    "a readable UTF-8 scenario file")));
        }
        return parse(text, file.toString(), check);
    }

    /**
     * Validates scenario text; {@code sourceName} names it in messages and, ending in
     * {@code .json}, selects the strict JSON parser (YAML reads JSON too, less strictly).
     */
    public ScenarioSpec parse(String text, String sourceName, JobFeasibilityCheck check) throws ScenarioException {
        List<Problem> problems = new ArrayList<>();
        JsonNode tree = readTree(text, sourceName, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems);
        }
        Cursor root = Cursor.root(tree, problems);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            root.problem("an empty document", "a scenario: name, cluster, workload, ...");
            throw new ScenarioException(sourceName, problems);
        }
        if (!root.map(TOP_KEYS, "a scenario (" + String.join(", ", TOP_KEYS) + ")")) {
            throw new ScenarioException(sourceName, problems);
        }
        String name = root.requiredString("name", "a scenario name");
        String description = readDescription(root.field("description"));
        SimulationSpec simulation = readSimulation(root.field("simulation"));
        Map<String, GpuSpec> hardware = HardwareReader.readSection(root.field("hardware"), shipped);
        ClusterSpec cluster = ClusterReader.read(root.field("cluster"), hardware);
        WorkloadReader workloadReader = new WorkloadReader(cluster, hardware);
        WorkloadSpec workload = workloadReader.read(root.field("workload"));
        PolicySpec policy = readPolicy(root.field("policy"));
        CostSpec cost = readCost(root.field("cost"));
        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems);
        }
        workloadReader.checkFeasibility(check);
        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems);
        }
        return new ScenarioSpec(name, description, simulation, hardware, cluster, workload, policy, cost);
    }

    private static JsonNode readTree(String text, String sourceName, List<Problem> problems) {
        boolean json = sourceName.toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build()
                : YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e, json ? "JSON" : "YAML"));
            return null;
        }
    }

    /** A parser error as a problem at its line and column, with the parser's reason and no stack trace. */
    static Problem syntaxProblem(JsonProcessingException e, String language) {
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // SnakeYAML names the context's and then the problem's position; the last one is where it broke.
        Matcher mark = SNAKEYAML_MARK.matcher(reason);
        String where = null;
        while (mark.find()) {
            where = "line " + mark.group(1) + ", column " + mark.group(2);
        }
        JsonLocation at = e.getLocation();
        if (where == null) {
            where = at == null || at.getLineNr() < 1 ? "(document)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        // The message also quotes the source around each position; keep only the reasons.
        List<String> lines = new ArrayList<>();
        for (String line : reason.split("\\R")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("in 'reader'") && !t.equals("^") && !line.startsWith("    ")) {
                lines.add(t);
            }
        }
        String text = lines.isEmpty() ? reason.trim() : String.join(" ", lines);
        Matcher duplicate = DUPLICATE.matcher(text);
        if (duplicate.matches()) {
            text = "key \"" + duplicate.group(1) + "\" given twice in the same map";
        }
        return new Problem(where, "invalid " + language + ": " + text,
                "well-formed " + language + (language.equals("YAML") ? " (or JSON)" : ""));
    }

    /** Any text, empty included (a written-back scenario has "" when the original had none). */
    private static String readDescription(Cursor c) {
        if (!c.present()) {
            return "";
        }
        if (!c.node().isTextual()) {
            c.problem(c.found(), "a one-line description");
            return null;
        }
        return c.node().asText().trim();
    }

    private static SimulationSpec readSimulation(Cursor c) {
        if (!c.present()) {
            return DEFAULT_SIMULATION;
        }
        int mark = c.mark();
        if (!c.map(SIMULATION_KEYS, "the simulation section (" + String.join(", ", SIMULATION_KEYS) + ")")) {
            return null;
        }
        Long seed = c.integer("seed", DEFAULT_SIMULATION.seed(), Long.MIN_VALUE, Long.MAX_VALUE);
        Cursor horizon = c.field("horizon");
        Long horizonNs = horizon.present() ? horizon.quantity(Units::durationNs, Units.DURATION_UNITS, true) : null;
        Integer points = c.intValue("timeseriesPoints", DEFAULT_SIMULATION.timeseriesPoints(), 1, 1_000_000);
        Boolean charts = c.bool("charts", DEFAULT_SIMULATION.charts());
        NetworkMode network = c.choice("network", DEFAULT_SIMULATION.network(), new TreeMap<>(NETWORK_MODES));
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new SimulationSpec(horizonNs == null ? OptionalLong.empty() : OptionalLong.of(horizonNs), seed, points,
                charts, network);
    }

    private static PolicySpec readPolicy(Cursor c) {
        if (!c.present()) {
            return DEFAULT_POLICY;
        }
        int mark = c.mark();
        if (!c.map(POLICY_KEYS, "the policy section (name, params, preemption)")) {
            return null;
        }
        String name = c.optionalString("name", DEFAULT_POLICY.name(), "a registered policy name such as fifo");
        Map<String, Object> params = new TreeMap<>();
        Cursor p = c.field("params");
        if (p.present()) {
            readParams(p, "", params);
        }
        PreemptionSpec preemption = readPreemption(c.field("preemption"));
        return c.cleanSince(mark) ? new PolicySpec(name, params, preemption) : null;
    }

    /** Scalars by key; a nested map's entries become dotted keys ({@code tenants: {a: {nominalQuota: 8}}}). */
    private static void readParams(Cursor c, String prefix, Map<String, Object> params) {
        c.entries("a map of parameter name to value").forEach((key, v) -> {
            if (v.node().isObject()) {
                readParams(v, prefix + key + ".", params);
                return;
            }
            Object value = scalar(v.node());
            if (value == null) {
                v.problem(v.found(), "a string, number, true/false, or a map of them");
            } else {
                params.put(prefix + key, value);
            }
        });
    }

    private static PreemptionSpec readPreemption(Cursor c) {
        if (!c.present()) {
            return PreemptionSpec.FREE;
        }
        int mark = c.mark();
        if (!c.map(PREEMPTION_KEYS, "the preemption cost (checkpointInterval, restartOverhead)")) {
            return null;
        }
        Long interval = c.quantity("checkpointInterval", PreemptionSpec.FREE.checkpointIntervalNs(), Units::durationNs,
                Units.DURATION_UNITS, false);
        Long restart = c.quantity("restartOverhead", PreemptionSpec.FREE.restartOverheadNs(), Units::durationNs,
                Units.DURATION_UNITS, false);
        return c.cleanSince(mark) ? new PreemptionSpec(interval, restart) : null;
    }

    /** A policy parameter as a plain value: whole numbers as Long, others as Double, so equal files give equal specs. */
    static Object scalar(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isFloatingPointNumber() && Double.isFinite(n.asDouble())) {
            return n.asDouble();
        }
        return null;
    }

    private static CostSpec readCost(Cursor c) {
        if (!c.present()) {
            return DEFAULT_COST;
        }
        int mark = c.mark();
        if (!c.map(COST_KEYS, "the cost section (pue, electricity)")) {
            return null;
        }
        // Real facilities run from ~1.1 to ~2; above 3 is far more likely a typo than a data centre.
        Double pue = c.number("pue", DEFAULT_COST.pue(), 1, false, 3, false);
        Double electricity = c.quantity("electricity", DEFAULT_COST.electricityUsdPerKWh(),
                t -> Units.usdPer(t, "USD/kWh"), "a price such as \"0.12 USD/kWh\"", false);
        return c.cleanSince(mark) ? new CostSpec(pue, electricity) : null;
    }
}
