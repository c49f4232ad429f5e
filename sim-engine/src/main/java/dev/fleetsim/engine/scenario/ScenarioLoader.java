package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.scenario.ScenarioKeys.Cost;
import dev.fleetsim.engine.scenario.ScenarioKeys.Policy;
import dev.fleetsim.engine.scenario.ScenarioKeys.Preemption;
import dev.fleetsim.engine.scenario.ScenarioKeys.Simulation;
import dev.fleetsim.engine.scenario.ScenarioKeys.Top;
import dev.fleetsim.engine.topology.ClusterSpec;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.workload.TenantSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

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

    /**
     * Builds the tables of scenario keys now instead of at the first file read: their class
     * initialisation is a tenth of a second of a command's start, which a caller can spend while
     * another thread reads the hardware catalogue.
     */
    public static void prepare() {
        java.util.Objects.requireNonNull(Top.SECTION);
    }

    /** Reads and validates a file; {@code .json} files are read as strict JSON, any other as YAML. */
    public ScenarioSpec load(Path file, JobFeasibilityCheck check) throws ScenarioException {
        return load(file, ScenarioChecks.fitOnly(check));
    }

    /** Reads and validates a file with the engine's checks (fit and policy), every problem reported together. */
    public ScenarioSpec load(Path file, ScenarioChecks checks) throws ScenarioException {
        return parse(read(file), file.toString(), checks);
    }

    /**
     * Reads a file for a layout search: as {@link #load(Path, ScenarioChecks)}, but each listed
     * job's layout ({@link #LAYOUT_KEYS}: parallelism, virtual stages, micro-batch, recompute mode
     * and ZeRO stage) is left out before the file is read, and no job is held to its memory, so a
     * layout that does not divide the model or fit the GPUs (the one the search is to replace) is
     * no problem; everything else is validated as usual.
     */
    public ScenarioSpec loadWithoutLayouts(Path file, ScenarioChecks checks) throws ScenarioException {
        ScenarioChecks noFit = new ScenarioChecks((job, gpu) -> List.of(), checks.policy());
        return parse(read(file), file.toString(), noFit, true);
    }

    /** The keys of a listed job that {@link #loadWithoutLayouts} leaves out: what a layout search chooses. */
    public static final List<String> LAYOUT_KEYS = List.of("parallelism", "virtualStages", "microBatch", "recompute",
            "zeroStage", "recomputeLayers");

    private static String read(Path file) throws ScenarioException {
        Documents.Text text = Documents.text(file, "a scenario file", ScenarioDocument.MAX_FILE_BYTES);
        if (!text.problems().isEmpty()) {
            throw new ScenarioException(file.toString(), text.problems());
        }
        return text.text();
    }

    /**
     * Validates scenario text; {@code sourceName} names it in messages and, ending in
     * {@code .json}, selects the strict JSON parser (YAML reads JSON too, less strictly).
     */
    public ScenarioSpec parse(String text, String sourceName, JobFeasibilityCheck check) throws ScenarioException {
        return parse(text, sourceName, ScenarioChecks.fitOnly(check));
    }

    /**
     * Validates scenario text with the engine's checks: structure, then (on a well-formed file)
     * the fit of every job, and the policy's parameters, all reported in one exception.
     */
    public ScenarioSpec parse(String text, String sourceName, ScenarioChecks checks) throws ScenarioException {
        return parse(text, sourceName, checks, false);
    }

    private ScenarioSpec parse(String text, String sourceName, ScenarioChecks checks, boolean withoutLayouts)
            throws ScenarioException {
        ProblemList problems = new ProblemList();
        boolean json = sourceName.toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode tree = ScenarioDocument.read(text, json, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems.toList());
        }
        if (withoutLayouts && tree != null && tree.path("workload").path("jobs").isArray()) {
            for (JsonNode job : tree.path("workload").path("jobs")) {
                if (job.isObject()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) job).remove(LAYOUT_KEYS);
                }
            }
        }
        Cursor root = Cursor.root(tree, problems);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            root.problem("an empty document", "a scenario: name, cluster, workload, ...");
            throw new ScenarioException(sourceName, problems.toList());
        }
        if (!root.map(Top.SECTION)) {
            throw new ScenarioException(sourceName, problems.toList());
        }
        String name = Top.NAME.read(root);
        String description = Top.DESCRIPTION.read(root);
        SimulationSpec simulation = readSimulation(Top.SIMULATION.at(root));
        Map<String, GpuSpec> hardware = HardwareReader.readSection(Top.HARDWARE.at(root), shipped, baseDir(sourceName));
        ClusterSpec cluster = ClusterReader.read(Top.CLUSTER.at(root), hardware);
        WorkloadReader workloadReader = new WorkloadReader(cluster, hardware, baseDir(sourceName));
        WorkloadSpec workload = workloadReader.read(Top.WORKLOAD.at(root));
        List<TenantSpec> tenants = TenantReader.read(Top.TENANTS.at(root));
        PolicySpec policy = readPolicy(Top.POLICY.at(root));
        CostSpec cost = readCost(Top.COST.at(root), hardware);
        PriceReader.checkPurchases(Top.CLUSTER.at(root), cluster, cost);
        dev.fleetsim.engine.faults.FaultSpec faults = FaultKeys.read(Top.FAULTS.at(root));
        List<Problem> policyProblems = policy == null ? List.of() : checks.policy().problems(policy, tenants);
        if (problems.isEmpty()) {
            workloadReader.checkFeasibility(checks.fit());
        }
        policyProblems.forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems.toList());
        }
        return new ScenarioSpec(name, description, simulation, hardware, cluster, workload, policy, cost, tenants, faults);
    }

    /** The directory a scenario's relative paths (profile files) are resolved against: its own, when it names a file. */
    private static Path baseDir(String sourceName) {
        try {
            Path parent = Path.of(sourceName).toAbsolutePath().getParent();
            return parent == null ? Path.of("").toAbsolutePath() : parent;
        } catch (java.nio.file.InvalidPathException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static SimulationSpec readSimulation(Cursor c) {
        int mark = c.mark();
        if (!c.mapOrAbsent(Simulation.SECTION)) {
            return null;
        }
        Long seed = Simulation.SEED.read(c);
        Long horizonNs = Simulation.HORIZON.read(c);
        Integer points = Simulation.TIMESERIES_POINTS.read(c);
        Boolean charts = Simulation.CHARTS.read(c);
        NetworkMode network = Simulation.NETWORK.read(c);
        if (!c.cleanSince(mark)) {
            return null;
        }
        return new SimulationSpec(horizonNs == null ? OptionalLong.empty() : OptionalLong.of(horizonNs), seed, points,
                charts, network);
    }

    private static PolicySpec readPolicy(Cursor c) {
        int mark = c.mark();
        if (!c.mapOrAbsent(Policy.SECTION)) {
            return null;
        }
        String name = Policy.NAME.read(c);
        Map<String, Object> params = new TreeMap<>();
        Cursor p = Policy.PARAMS.at(c);
        if (p.present()) {
            readParams(p, "", params);
        }
        Map<String, Map<String, Object>> byPolicy = new TreeMap<>();
        Cursor others = Policy.PARAMS_BY_POLICY.at(c);
        if (others.present()) {
            others.entries("a map from policy name to a map of its parameters").forEach((policy, v) -> {
                Map<String, Object> of = new TreeMap<>();
                if (policy.equals(name)) {
                    v.problem("parameters for " + name + ", the scenario's own policy",
                            "them in policy.params (paramsByPolicy holds the parameters of the other policies)");
                } else if (v.node().isObject()) {
                    readParams(v, "", of);
                    byPolicy.put(policy, of);
                } else {
                    v.problem(v.found(), "a map of the parameters of policy " + policy);
                }
            });
        }
        PreemptionSpec preemption = readPreemption(Policy.PREEMPTION.at(c));
        return c.cleanSince(mark) ? new PolicySpec(name, params, preemption, byPolicy) : null;
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
        int mark = c.mark();
        if (!c.mapOrAbsent(Preemption.SECTION)) {
            return null;
        }
        Long interval = Preemption.CHECKPOINT_INTERVAL.read(c);
        Long restart = Preemption.RESTART_OVERHEAD.read(c);
        Long checkpointCost = Preemption.CHECKPOINT_COST.read(c);
        return c.cleanSince(mark) ? new PreemptionSpec(interval, restart, checkpointCost) : null;
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

    /** The cost section a file without one gets: every key at its declared default. */
    static CostSpec defaultCost() {
        return readCost(Cursor.absent(), null);
    }

    private static CostSpec readCost(Cursor c, Map<String, GpuSpec> hardware) {
        int mark = c.mark();
        if (!c.mapOrAbsent(Cost.SECTION)) {
            return null;
        }
        Double pue = Cost.PUE.read(c);
        Double electricity = Cost.ELECTRICITY.read(c);
        Map<String, dev.fleetsim.engine.pricing.PriceSpec> prices = PriceReader.read(Cost.PRICES.at(c), hardware);
        return c.cleanSince(mark) ? new CostSpec(pue, electricity, prices) : null;
    }
}
