package dev.fleetsim.engine.scenario;

import java.util.List;

/**
 * A validated experiment file: a base scenario and named axes whose cartesian product is the
 * sweep's points (the first axis outermost, the seed innermost: docs/SWEEPS.md), which metrics
 * its summary and charts show, and what each point keeps on disk.
 *
 * @param base the base scenario, validated
 * @param baseYaml the base scenario resolved ({@link ScenarioWriter}): every default written out, so a point's
 *                 path values are applied to a complete, self-contained document
 * @param axes in file order; a {@code seeds} key is the last axis, named {@code seed}
 * @param metrics names of {@code SummaryMetric}s the summary table and the charts show
 * @param fullOutputs whether each point keeps its whole run folder ({@code jobs.csv}, {@code timeseries.csv}, ...) or
 *                    only {@code summary.json}, {@code scenario.yaml} and {@code point.json}
 * @param charts whether the sweep draws its metric-versus-axis charts
 */
public record ExperimentSpec(String name, String description, ScenarioSpec base, String baseYaml, List<AxisSpec> axes,
                             List<String> metrics, boolean fullOutputs, boolean charts) {
    public ExperimentSpec {
        axes = List.copyOf(axes);
        metrics = List.copyOf(metrics);
    }

    /** Points in the cartesian product: the product of the axes' sizes. */
    public long pointCount() {
        long n = 1;
        for (AxisSpec a : axes) {
            n *= a.values().size();
        }
        return n;
    }
}
