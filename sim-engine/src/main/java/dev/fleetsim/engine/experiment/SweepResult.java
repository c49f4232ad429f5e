package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.AxisSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep found: every point's summary by position (expansion order, never completion
 * order), how many were reused from disk, and the configurations — points that differ only in
 * their seed — with each metric's mean over seeds and its 95 % confidence interval.
 *
 * Estimates are computed once and kept, so the table, the CSV and the charts cost one bootstrap each.
 */
public final class SweepResult {
    private final ExperimentPlan plan;
    private final List<RunSummary> summaries;
    private final int reused;
    private final List<Configuration> configurations;
    /** Estimates computed once: the table, the CSV and the charts all ask for them. */
    private final Map<String, Estimate> estimates = new java.util.concurrent.ConcurrentHashMap<>();

    public SweepResult(ExperimentPlan plan, List<RunSummary> summaries, int reused) {
        this.plan = plan;
        this.summaries = List.copyOf(summaries);
        this.reused = reused;
        Map<List<Object>, List<Integer>> by = new LinkedHashMap<>();
        for (Point p : plan.points()) {
            by.computeIfAbsent(plan.configuration(p), k -> new ArrayList<>()).add(p.index());
        }
        List<Configuration> out = new ArrayList<>();
        by.forEach((values, points) -> out.add(new Configuration(values, points)));
        this.configurations = List.copyOf(out);
    }

    public ExperimentPlan plan() {
        return plan;
    }

    public List<RunSummary> summaries() {
        return summaries;
    }

    public int reused() {
        return reused;
    }

    /** One configuration: the values of the axes other than the seed, and its points (one per seed). */
    public record Configuration(List<Object> values, List<Integer> points) {
        public Configuration {
            values = List.copyOf(values);
            points = List.copyOf(points);
        }
    }

    /** The configurations in expansion order of their first point. */
    public List<Configuration> configurations() {
        return configurations;
    }

    /** The axes other than the seed, in axis order. */
    public List<AxisSpec> configurationAxes() {
        return plan.spec().axes().stream().filter(a -> a.kind() != AxisSpec.Kind.SEED).toList();
    }

    /** The metric's estimate over a configuration's seeds. */
    public Estimate estimate(Configuration c, SummaryMetric metric) {
        String name = label(c) + "/" + metric.name();
        return estimates.computeIfAbsent(name, n -> Estimate.of(c.points().stream()
                .mapToDouble(i -> metric.value().applyAsDouble(summaries.get(i))).filter(v -> !Double.isNaN(v)).toArray(), n));
    }

    /**
     * Computes every configuration's estimate of each of {@code metrics} now, on all cores (each is
     * seeded by its own name, so the values are those a serial computation gives); the tables and
     * charts then find them ready. A sweep of 1,000 points has 300 of them at 10,000 resamples each.
     */
    public void estimateAll(List<SummaryMetric> metrics) {
        configurations.parallelStream().forEach(c -> metrics.forEach(m -> estimate(c, m)));
    }

    /** {@code policy=fifo,nodes=12}: a configuration by its values, for messages and the estimate's stream. */
    public String label(Configuration c) {
        List<AxisSpec> axes = configurationAxes();
        List<String> names = new ArrayList<>();
        List<String> all = plan.axisNames();
        for (int a = 0; a < plan.spec().axes().size(); a++) {
            if (plan.spec().axes().get(a).kind() != AxisSpec.Kind.SEED) {
                names.add(all.get(a));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < axes.size(); i++) {
            b.append(i == 0 ? "" : ",").append(names.get(i)).append('=').append(AxisSpec.text(c.values().get(i)));
        }
        return b.length() == 0 ? "all" : b.toString();
    }

    /** The metrics the experiment shows, in its order. */
    public List<SummaryMetric> metrics() {
        return plan.spec().metrics().stream().map(m -> SummaryMetric.find(m).orElseThrow()).toList();
    }
}
