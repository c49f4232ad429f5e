package dev.fleetsim.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsim.engine.files.Suggestions;
import dev.fleetsim.engine.files.Echo;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Units;
import dev.fleetsim.engine.scenario.WorkloadSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a plan file's {@code constraints} map (docs/PLANNING.md), adding every problem with its
 * path to the reader's list: durations for the time bounds, a fraction for goodput and SLO
 * attainment (one for every service, or a map of one per named service), a token count for
 * training tokens per day, an amount for the budget. A serving constraint on a scenario with no
 * services, or a training one on a scenario with no training jobs, is refused: it could never bind.
 */
final class PlanConstraints {
    private static final String EXPECTED = "expected p95Wait, meanWait, p95Jct, meanJct (durations), minGoodput (0 to 1),"
            + " minSloAttainment (0 to 1, or {service: 0 to 1}), minTrainingTokensPerDay (a count such as \"40B\") or"
            + " budget (USD per month)";

    private final List<String> problems;
    private final ScenarioSpec base;
    private final String scenarioPath;

    /** @param base the plan's scenario, null when it did not read (then nothing is checked against it) */
    PlanConstraints(List<String> problems, ScenarioSpec base, String scenarioPath) {
        this.problems = problems;
        this.base = base;
        this.scenarioPath = scenarioPath;
    }

    List<Constraint> read(JsonNode n) {
        List<Constraint> out = new ArrayList<>();
        if (!n.isObject() || n.isEmpty()) {
            problems.add("constraints: found " + PlanReader.kind(n) + "; expected a map such as {p95Wait: 1 h, budget: 500000 USD}");
            return out;
        }
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Constraint.Metric metric = null;
            for (Constraint.Metric m : Constraint.Metric.values()) {
                if (m.key().equals(e.getKey())) {
                    metric = m;
                }
            }
            String path = "constraints." + e.getKey();
            if (metric == null) {
                problems.add(path + ": found unknown constraint \"" + e.getKey() + "\"; " + EXPECTED
                        + Suggestions.hint(e.getKey(), Arrays.stream(Constraint.Metric.values()).map(Constraint.Metric::key).toList()));
            } else if (metric == Constraint.Metric.SLO_ATTAINMENT) {
                slo(e.getValue(), path, out);
            } else {
                Double limit = limit(metric, e.getValue(), path);
                if (limit != null && (metric != Constraint.Metric.TRAINING_TOKENS_PER_DAY || trains(e.getValue(), path))) {
                    out.add(new Constraint(metric, limit));
                }
            }
        }
        if (out.stream().noneMatch(c -> c.metric().improvesWithNodes()) && problems.size() == before) {
            problems.add("constraints: found only a budget; expected at least one service constraint (p95Wait, meanWait,"
                    + " p95Jct, meanJct, minGoodput, minSloAttainment, minTrainingTokensPerDay): the plan sizes the fleet"
                    + " to meet it");
        }
        return out;
    }

    /** One bound for every service (the worst one's attainment), or one per named service. */
    private void slo(JsonNode v, String path, List<Constraint> out) {
        List<ServiceSpec> services = base == null ? null : base.workload().services();
        if (services != null && services.isEmpty()) {
            problems.add(path + ": found " + PlanReader.kind(v) + ", but the scenario (" + Echo.plain(scenarioPath) + ") has no"
                    + " services; expected a scenario with workload.services (docs/SERVING.md), or no SLO constraint");
            return;
        }
        if (!v.isObject()) {
            Double limit = limit(Constraint.Metric.SLO_ATTAINMENT, v, path);
            if (limit != null) {
                out.add(new Constraint(Constraint.Metric.SLO_ATTAINMENT, limit));
            }
            return;
        }
        if (v.isEmpty()) {
            problems.add(path + ": found an empty map; expected a fraction for every service, or {service: fraction}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (services != null && services.stream().noneMatch(s -> s.name().equals(name))) {
                problems.add(path + "." + name + ": found service \"" + name + "\"; expected a service of the scenario: "
                        + String.join(", ", services.stream().map(ServiceSpec::name).toList()));
                continue;
            }
            Double limit = limit(Constraint.Metric.SLO_ATTAINMENT, e.getValue(), path + "." + name);
            if (limit != null) {
                out.add(new Constraint(Constraint.Metric.SLO_ATTAINMENT, limit, name));
            }
        }
    }

    /** Whether the scenario has training work (else a tokens-per-day bound is refused). */
    private boolean trains(JsonNode v, String path) {
        if (base == null) {
            return true;
        }
        WorkloadSpec w = base.workload();
        if (w.jobs().isEmpty() && w.generators().isEmpty() && w.traceGenerators().isEmpty()) {
            problems.add(path + ": found " + PlanReader.kind(v) + ", but the scenario (" + Echo.plain(scenarioPath) + ") has no"
                    + " training jobs; expected a scenario with workload.jobs, generators or traceGenerators");
            return false;
        }
        return true;
    }

    /** The limit in the metric's unit (seconds, USD, a fraction, tokens), or null after a problem. */
    private Double limit(Constraint.Metric metric, JsonNode v, String path) {
        String text = v.isValueNode() ? v.asText() : "";
        try {
            double limit;
            if (!v.isValueNode()) {
                throw new IllegalArgumentException("not a value");
            } else if (metric.time) {
                limit = Units.durationNs(text) / 1e9;
            } else if (metric == Constraint.Metric.BUDGET) {
                limit = Units.usdPer(text, "USD");
            } else if (metric == Constraint.Metric.TRAINING_TOKENS_PER_DAY) {
                limit = v.isNumber() ? v.asDouble() : Units.count(text);
            } else {
                limit = Double.parseDouble(text);
                if (!(limit > 0 && limit <= 1)) {
                    throw new IllegalArgumentException("out of range");
                }
            }
            if (!(limit > 0) || Double.isInfinite(limit)) {
                throw new IllegalArgumentException("not positive");
            }
            return limit;
        } catch (IllegalArgumentException ex) {
            String expected = metric.time ? "a duration above 0, " + Units.DURATION_UNITS
                    : metric == Constraint.Metric.BUDGET ? "an amount above 0 with its unit, such as \"500000 USD\""
                            + " (US dollars per month; the unit is required)"
                    : metric == Constraint.Metric.TRAINING_TOKENS_PER_DAY ? "a token count above 0, " + Units.COUNT_UNITS
                    : "a number in (0, 1]";
            // A bare number has no unit, and guessing one would hide mistakes (as in scenario files).
            boolean noUnit = v.isNumber() && (metric.time || metric == Constraint.Metric.BUDGET);
            problems.add(path + ": found " + PlanReader.kind(v) + (noUnit ? " (no unit)" : "") + "; expected " + expected);
            return null;
        }
    }
}
