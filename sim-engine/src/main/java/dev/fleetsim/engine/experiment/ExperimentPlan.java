package dev.fleetsim.engine.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetsim.engine.scenario.AxisSpec;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.ExperimentSpec;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioChecks;
import dev.fleetsim.engine.scenario.ScenarioException;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.ScenarioWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An experiment expanded and validated: every point of the cartesian product of its axes, each
 * with a scenario that validates. Expansion is the documented order (docs/SWEEPS.md): the first
 * axis outermost, the last innermost, so point {@code i}'s value of axis {@code a} is
 * {@code values[(i / (product of the sizes of the axes after a)) mod size(a)]}. A value of a
 * path axis is applied to the resolved base scenario's document and the whole document validated
 * again by the scenario loader, so a wrong path or value is reported by the scenario's own
 * declared keys, named by the axis and the value; policy and placement values are checked by the
 * policies. Everything is checked before anything runs, so a sweep never fails half-way on a bad
 * combination. Immutable and safe to share between threads.
 */
public final class ExperimentPlan {
    /** What checks a policy section on a scenario (the façade: registered name, parameters, tenants). */
    @FunctionalInterface
    public interface PolicyCheck {
        List<Problem> problems(ScenarioSpec scenario, PolicySpec policy);
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Changes when what a point writes changes, so older points are computed again rather than reused. */
    static final String FORMAT = "fleetsim-point-1";

    private final ExperimentSpec spec;
    private final List<Point> points;
    private final int[][] valueIndex;
    private final int[] pathAxes;
    private final Map<List<Integer>, ScenarioSpec> variants;
    private final ScenarioWriter writer;

    private ExperimentPlan(ExperimentSpec spec, List<Point> points, int[][] valueIndex, int[] pathAxes,
                           Map<List<Integer>, ScenarioSpec> variants, ScenarioWriter writer) {
        this.spec = spec;
        this.points = List.copyOf(points);
        this.valueIndex = valueIndex;
        this.pathAxes = pathAxes;
        this.variants = variants;
        this.writer = writer;
    }

    /**
     * Expands and validates {@code spec}.
     *
     * @throws ScenarioException with every problem, each named by its axis, value and scenario path
     */
    public static ExperimentPlan of(ExperimentSpec spec, ScenarioLoader loader, ScenarioChecks checks,
                                    PolicyCheck policies, ScenarioWriter writer) throws ScenarioException {
        List<AxisSpec> axes = spec.axes();
        ObjectNode base = baseTree(spec);
        List<Problem> problems = new ArrayList<>();
        List<Integer> paths = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a).kind() == AxisSpec.Kind.PATH) {
                paths.add(a);
            }
        }
        int[] pathAxes = paths.stream().mapToInt(Integer::intValue).toArray();
        Map<List<Integer>, ScenarioSpec> variants = new HashMap<>();
        // Each path value alone first: its problems are the clearest, named by one axis and one value.
        for (int a : pathAxes) {
            AxisSpec axis = axes.get(a);
            for (int v = 0; v < axis.values().size(); v++) {
                ObjectNode doc = base.deepCopy();
                String why = TreePaths.set(doc, axis.path(), TreePaths.node(axis.values().get(v)));
                String at = "axes." + axis.name() + "[" + v + "]";
                if (why != null) {
                    problems.add(new Problem(at, Echo.plain(AxisSpec.text(axis.values().get(v))) + " for " + axis.path(),
                            "a path of the scenario: " + why));
                    continue;
                }
                String shown = Echo.plain(AxisSpec.text(axis.values().get(v))); // a 12,000-character value, cut
                ScenarioSpec s = validate(loader, checks, doc, at + " = " + shown, problems);
                if (s != null && pathAxes.length == 1) {
                    variants.put(List.of(v), s);
                }
            }
        }
        if (problems.isEmpty() && pathAxes.length > 1) {
            for (List<Integer> combo : combinations(axes, pathAxes)) {
                ObjectNode doc = base.deepCopy();
                StringBuilder at = new StringBuilder("axes (");
                for (int k = 0; k < pathAxes.length; k++) {
                    AxisSpec axis = axes.get(pathAxes[k]);
                    Object value = axis.values().get(combo.get(k));
                    TreePaths.set(doc, axis.path(), TreePaths.node(value));
                    at.append(k == 0 ? "" : ", ").append(axis.name()).append('=').append(Echo.plain(AxisSpec.text(value)));
                }
                ScenarioSpec s = validate(loader, checks, doc, at.append(')').toString(), problems);
                if (s != null) {
                    variants.put(combo, s);
                }
            }
        }
        if (pathAxes.length == 0) {
            variants.put(List.of(), spec.base());
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(spec.name(), problems);
        }
        checkPolicies(spec, variants, policies, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(spec.name(), problems);
        }
        return expand(spec, pathAxes, variants, writer);
    }

    private static ObjectNode baseTree(ExperimentSpec spec) {
        try {
            return (ObjectNode) YAML.readTree(spec.baseYaml());
        } catch (IOException e) {
            throw new IllegalStateException("a resolved scenario always reads back", e);
        }
    }

    private static ScenarioSpec validate(ScenarioLoader loader, ScenarioChecks checks, ObjectNode doc, String at,
                                         List<Problem> problems) {
        try {
            return loader.parse(doc.toString(), "point.json", checks);
        } catch (ScenarioException e) {
            for (Problem p : e.problems()) {
                problems.add(new Problem(at + ": " + p.path(), p.found(), p.allowed()));
            }
            return null;
        }
    }

    /** Every policy label with every placement, on every variant of the scenario, as the points will run them. */
    private static void checkPolicies(ExperimentSpec spec, Map<List<Integer>, ScenarioSpec> variants, PolicyCheck policies,
                                      List<Problem> problems) {
        AxisSpec policyAxis = axis(spec, AxisSpec.Kind.POLICY);
        AxisSpec placementAxis = axis(spec, AxisSpec.Kind.PLACEMENT);
        List<Object> labels = policyAxis == null ? java.util.Collections.singletonList(null) : policyAxis.values();
        List<Object> placements = placementAxis == null ? java.util.Collections.singletonList(null) : placementAxis.values();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ScenarioSpec variant : variants.values()) {
            for (int l = 0; l < labels.size(); l++) {
                for (int p = 0; p < placements.size(); p++) {
                    PolicySpec policy = policy(variant.policy(), (String) labels.get(l), (String) placements.get(p));
                    String label = Echo.plain(String.valueOf(labels.get(l))); // escaped and cut, as every echo
                    String placement = Echo.plain(String.valueOf(placements.get(p)));
                    String at = policyAxis == null && placementAxis == null ? "scenario"
                            : "axes." + (policyAxis != null ? "policy[" + l + "] (" + label + ")" : "")
                            + (policyAxis != null && placementAxis != null ? ", axes." : "")
                            + (placementAxis != null ? "placement[" + p + "] (" + placement + ")" : "");
                    for (Problem problem : policies.problems(variant, policy)) {
                        Problem named = new Problem(at + ": " + problem.path(), problem.found(), problem.allowed());
                        if (seen.add(named.toString())) {
                            problems.add(named);
                        }
                    }
                }
            }
        }
    }

    private static AxisSpec axis(ExperimentSpec spec, AxisSpec.Kind kind) {
        return spec.axes().stream().filter(a -> a.kind() == kind).findFirst().orElse(null);
    }

    private static PolicySpec policy(PolicySpec base, String label, String placement) {
        PolicySpec p = label == null ? base : base.forLabel(label);
        return placement == null ? p : p.withPlacement(placement);
    }

    /** Every combination of the path axes' value indices, the first path axis outermost. */
    private static List<List<Integer>> combinations(List<AxisSpec> axes, int[] pathAxes) {
        List<List<Integer>> out = new ArrayList<>();
        out.add(List.of());
        for (int a : pathAxes) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : out) {
                for (int v = 0; v < axes.get(a).values().size(); v++) {
                    List<Integer> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(List.copyOf(c));
                }
            }
            out = next;
        }
        return out;
    }

    private static ExperimentPlan expand(ExperimentSpec spec, int[] pathAxes, Map<List<Integer>, ScenarioSpec> variants,
                                         ScenarioWriter writer) {
        List<AxisSpec> axes = spec.axes();
        int n = (int) spec.pointCount();
        int[][] index = new int[n][axes.size()];
        List<List<Object>> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int rest = i;
            List<Object> v = new ArrayList<>(axes.size());
            for (int a = axes.size() - 1; a >= 0; a--) {
                int size = axes.get(a).values().size();
                index[i][a] = rest % size;
                rest /= size;
            }
            for (int a = 0; a < axes.size(); a++) {
                v.add(axes.get(a).values().get(index[i][a]));
            }
            values.add(v);
        }
        List<String> ids = PointIds.ids(axes, values);
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new Point(i, ids.get(i), values.get(i)));
        }
        return new ExperimentPlan(spec, points, index, pathAxes, Map.copyOf(variants), writer);
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public List<Point> points() {
        return points;
    }

    /** The axes' short names as point ids and {@code sweep.csv} use them, in axis order. */
    public List<String> axisNames() {
        return PointIds.names(spec.axes());
    }

    /** The scenario point {@code p} runs: path values applied and validated, then seed, policy and placement. */
    public ScenarioSpec scenario(Point p) {
        int[] idx = valueIndex[p.index()];
        List<Integer> key = new ArrayList<>(pathAxes.length);
        for (int a : pathAxes) {
            key.add(idx[a]);
        }
        ScenarioSpec s = variants.get(key);
        String label = null;
        String placement = null;
        List<AxisSpec> axes = spec.axes();
        for (int a = 0; a < axes.size(); a++) {
            Object v = p.values().get(a);
            switch (axes.get(a).kind()) {
                case SEED:
                    s = s.withSeed(((Number) v).longValue());
                    break;
                case POLICY:
                    label = (String) v;
                    break;
                case PLACEMENT:
                    placement = (String) v;
                    break;
                default:
                    break;
            }
        }
        return s.withPolicy(policy(s.policy(), label, placement));
    }

    /** The point's scenario as the resolved YAML its folder keeps. */
    public String scenarioYaml(Point p) {
        return writer.write(scenario(p));
    }

    /**
     * What a point's results depend on, as a SHA-256: its resolved scenario and what it writes.
     * A folder whose {@code point.json} holds the same fingerprint is this point's result, whatever
     * sweep wrote it; any other is computed again.
     */
    public String fingerprint(Point p) {
        return fingerprint(scenarioYaml(p));
    }

    /** The fingerprint of a point whose resolved scenario is {@code scenarioYaml} (already written out). */
    public String fingerprint(String scenarioYaml) {
        return sha256(FORMAT + "\nfullOutputs=" + spec.fullOutputs() + "\n" + scenarioYaml);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The points' values of the axes other than the seed: the configuration a summary row averages over seeds. */
    public List<Object> configuration(Point p) {
        List<Object> out = new ArrayList<>();
        for (int a = 0; a < spec.axes().size(); a++) {
            if (spec.axes().get(a).kind() != AxisSpec.Kind.SEED) {
                out.add(p.values().get(a));
            }
        }
        return out;
    }
}
