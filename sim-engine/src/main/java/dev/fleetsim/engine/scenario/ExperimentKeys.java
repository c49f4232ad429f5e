package dev.fleetsim.engine.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.Section.Listing;

import java.util.List;

import static dev.fleetsim.engine.scenario.Types.NODES;

/**
 * The keys of an experiment file ({@code fleetsim sweep FILE}), declared like a scenario's, so
 * unknown keys are named with suggestions and the format reference (docs/SWEEPS.md) lists them.
 * See {@link ExperimentLoader} for how the values are checked.
 */
final class ExperimentKeys {
    /** The named axes and the scenario paths they set ({@code nodes} is the one node group's count). */
    static final List<String> NAMED_AXES = List.of("policy", "placement", "seed", "gpuType", "nodes", "oversubscription");
    /** The metrics a sweep's summary and charts show unless the file names others. */
    static final List<String> DEFAULT_METRICS = List.of("mean_jct_s", "p95_wait_s", "mean_queueing_s", "mean_slowdown",
            "utilisation", "cost_usd");

    private ExperimentKeys() {
    }

    /** The top level of an experiment file. */
    static final class Top {
        static final Section<ExperimentSpec> SECTION = Section.of("experiment", "an experiment", Listing.PARENS);
        static final Key<ExperimentSpec, String> NAME = SECTION.key("name", Types.text("an experiment name"))
                .required().get(ExperimentSpec::name).doc("names the results folder (runs/NAME)");
        static final Key<ExperimentSpec, String> DESCRIPTION = SECTION.key("description",
                Types.anyText("a one-line description")).byDefault("").get(ExperimentSpec::description).doc("one line");
        static final Key<ExperimentSpec, Object> SCENARIO = SECTION.key("scenario", Types.container(
                "a scenario file (a path relative to the experiment file) or a scenario map", v -> NODES.nullNode(),
                context -> NODES.objectNode())).required()
                .doc("the base scenario every point starts from");
        static final Key<ExperimentSpec, Object> SEEDS = SECTION.key("seeds", Types.container(
                "seeds: a range \"1..5\", a list [1, 4, 9], or one seed", v -> NODES.nullNode(),
                context -> NODES.objectNode())).optional("the scenario's seed")
                .doc("the innermost axis, seed: each configuration runs once per seed, and the summary gives CIs over them");
        static final Key<ExperimentSpec, Object> AXES = SECTION.key("axes", Types.container(
                "a map from axis name to its values", v -> NODES.nullNode(), context -> NODES.objectNode()))
                .required().doc("named axes, first outermost: policy, placement, seed, gpuType, nodes, oversubscription, "
                        + "any scenario path (workload.generators[0].count), or NAME: {path, values}");
        static final Key<ExperimentSpec, List<String>> METRICS = SECTION.key("metrics",
                Types.names("a list of metric names")).byDefault(DEFAULT_METRICS)
                .get(ExperimentSpec::metrics).doc("what the summary table and the charts show; sweep.csv has every metric");
        static final Key<ExperimentSpec, Boolean> FULL_OUTPUTS = SECTION.key("fullOutputs", Types.bool()).byDefault(false)
                .get(ExperimentSpec::fullOutputs)
                .doc("each point keeps its whole run folder (jobs.csv, timeseries.csv, ...), not only its summary");
        static final Key<ExperimentSpec, Boolean> CHARTS = SECTION.key("charts", Types.bool()).byDefault(true)
                .get(ExperimentSpec::charts).doc("metric-versus-axis charts");

        private Top() {
        }
    }

    /** {@code axes.NAME} in its long form. */
    static final class Axis {
        static final Section<AxisSpec> SECTION = Section.of("axis", "an axis", Listing.PARENS);
        static final Key<AxisSpec, String> PATH = SECTION.key("path", Types.text("a scenario path such as "
                + "workload.generators[0].count")).required().get(AxisSpec::path).doc("the scenario key the axis sets");
        static final Key<AxisSpec, Object> VALUES = SECTION.key("values", Types.container("a list of values",
                v -> NODES.nullNode(), context -> NODES.objectNode().put("type", "array"))).required()
                .doc("the values the key takes, in order");

        private Axis() {
        }
    }

    /** The metric names a file may give. */
    static List<String> metricNames() {
        return SummaryMetric.names();
    }

    /** The resolved experiment: the base scenario inline, every axis in its long form, seeds as an axis. */
    static ObjectNode write(ExperimentSpec e, ObjectNode baseScenario) {
        ObjectNode root = NODES.objectNode();
        root.put("name", e.name());
        if (!e.description().isEmpty()) {
            root.put("description", e.description());
        }
        root.set("scenario", baseScenario);
        ObjectNode axes = root.putObject("axes");
        for (AxisSpec a : e.axes()) {
            ArrayNode values = NODES.arrayNode();
            a.values().forEach(v -> values.add(scalar(v)));
            // nodes, gpuType and oversubscription are paths under their own names: written as the user writes them,
            // since the reader refuses those names in the long form
            if (a.kind() == AxisSpec.Kind.PATH && !a.name().equals(a.path()) && !NAMED_AXES.contains(a.name())) {
                ObjectNode axis = axes.putObject(a.name());
                axis.put("path", a.path());
                axis.set("values", values);
            } else {
                axes.set(a.name(), values);
            }
        }
        ArrayNode metrics = root.putArray("metrics");
        e.metrics().forEach(metrics::add);
        root.put("fullOutputs", e.fullOutputs());
        root.put("charts", e.charts());
        return root;
    }

    static com.fasterxml.jackson.databind.JsonNode scalar(Object v) {
        if (v instanceof Boolean) {
            return NODES.booleanNode((Boolean) v);
        }
        if (v instanceof Long) {
            return NODES.numberNode((Long) v);
        }
        if (v instanceof Double) {
            return NODES.numberNode((Double) v);
        }
        return NODES.textNode(String.valueOf(v));
    }
}
