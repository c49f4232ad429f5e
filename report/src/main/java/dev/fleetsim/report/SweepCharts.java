package dev.fleetsim.report;

import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.AxisSpec;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's charts: for each metric the experiment shows and each axis with two values or more,
 * the metric (mean over seeds) against the axis, one line per combination of the other axes'
 * values (at most {@link #MAX_LINES}), with the 95 % confidence interval as a band. A numeric
 * axis is drawn to scale; names (policies, GPU types) are evenly spaced. Files are named
 * {@code METRIC-by-AXIS.png}.
 */
public final class SweepCharts {
    static final int MAX_LINES = 10;

    private SweepCharts() {
    }

    /** The charts by file name. */
    public static Map<String, AtomicFiles.Content> of(ChartTheme theme, SweepResult r) {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        List<AxisSpec> axes = r.configurationAxes();
        List<String> names = configurationNames(r);
        for (SummaryMetric m : r.metrics()) {
            for (int a = 0; a < axes.size(); a++) {
                if (axes.get(a).values().size() >= 2) {
                    out.put(m.name() + "-by-" + names.get(a) + ".png", theme.png(chart(theme, r, m, a)));
                }
            }
        }
        return out;
    }

    /** The metric against configuration axis {@code a}, one line per combination of the other axes' values. */
    public static JFreeChart chart(ChartTheme theme, SweepResult r, SummaryMetric metric, int a) {
        List<AxisSpec> axes = r.configurationAxes();
        List<String> names = configurationNames(r);
        AxisSpec x = axes.get(a);
        boolean numeric = x.values().stream().allMatch(v -> v instanceof Number);
        double largest = 0;
        Map<List<Object>, Map<Object, Estimate>> lines = new LinkedHashMap<>();
        for (SweepResult.Configuration c : r.configurations()) {
            List<Object> others = new ArrayList<>(c.values());
            others.remove(a);
            Estimate e = r.estimate(c, metric);
            lines.computeIfAbsent(others, k -> new LinkedHashMap<>()).put(c.values().get(a), e);
            if (!Double.isNaN(e.mean())) {
                largest = Math.max(largest, Math.abs(e.hasInterval() ? Math.max(e.high(), e.mean()) : e.mean()));
            }
        }
        Scale scale = Scale.of(metric, largest);
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        int shown = 0;
        for (Map.Entry<List<Object>, Map<Object, Estimate>> line : lines.entrySet()) {
            if (shown++ == MAX_LINES) {
                break;
            }
            YIntervalSeries s = new YIntervalSeries(lineLabel(names, a, line.getKey()), false, true);
            for (Map.Entry<Object, Estimate> point : line.getValue().entrySet()) {
                Estimate e = point.getValue();
                if (Double.isNaN(e.mean())) {
                    continue;
                }
                double px = numeric ? ((Number) point.getKey()).doubleValue() : x.values().indexOf(point.getKey());
                double low = e.hasInterval() ? e.low() : e.mean();
                double high = e.hasInterval() ? e.high() : e.mean();
                s.add(px, scale.of(e.mean()), scale.of(low), scale.of(high));
            }
            data.addSeries(s);
        }
        ValueAxis xAxis;
        if (numeric) {
            NumberAxis n = Axes.number(names.get(a) + (x.kind() == AxisSpec.Kind.PATH ? " (" + x.path() + ")" : ""));
            n.setAutoRangeIncludesZero(false);
            if (x.values().stream().allMatch(v -> v instanceof Long)) {
                n.setStandardTickUnits(Axes.integerTicks());
            }
            xAxis = n;
        } else {
            SymbolAxis symbols = new SymbolAxis(names.get(a), x.values().stream().map(AxisSpec::text).toArray(String[]::new));
            symbols.setGridBandsVisible(false);
            xAxis = symbols;
        }
        NumberAxis y = Axes.number(metric.label() + (scale.unit.isEmpty() ? "" : " (" + scale.unit + ")"));
        y.setAutoRangeIncludesZero(true);
        DeviationRenderer renderer = theme.styled(new DeviationRenderer(true, true), data.getSeriesCount());
        renderer.setAlpha(0.15f);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesFillPaint(i, theme.colour(i));
        }
        int seeds = r.configurations().isEmpty() ? 0 : r.configurations().get(0).points().size();
        String subtitle = r.plan().spec().name() + " — mean over " + seeds + " seed" + (seeds == 1 ? "" : "s")
                + (seeds > 1 ? ", band: 95 % CI (bootstrap)" : "")
                + (lines.size() > MAX_LINES ? "; the first " + MAX_LINES + " of " + lines.size() + " lines" : "");
        return Charts.xy(theme, metric.label() + " by " + names.get(a), subtitle, xAxis, y, data, renderer);
    }

    private static String lineLabel(List<String> names, int skipped, List<Object> values) {
        if (values.isEmpty()) {
            return "all";
        }
        StringBuilder b = new StringBuilder();
        int k = 0;
        for (int i = 0; i < names.size(); i++) {
            if (i == skipped) {
                continue;
            }
            b.append(k == 0 ? "" : ", ").append(names.get(i)).append('=').append(AxisSpec.text(values.get(k++)));
        }
        return b.toString();
    }

    /** The short names of the axes other than the seed. */
    static List<String> configurationNames(SweepResult r) {
        List<String> all = r.plan().axisNames();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (r.plan().spec().axes().get(i).kind() != AxisSpec.Kind.SEED) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** How a metric's values are shown on a chart axis or in a table column. */
    record Scale(double divisor, String unit, String format) {
        static Scale of(SummaryMetric m, double largest) {
            switch (m.unit()) {
                case SECONDS: {
                    if (largest < 1) {
                        return new Scale(0.001, "ms", "%.1f"); // serving latencies
                    }
                    TimeScale t = TimeScale.forSpan(largest);
                    return new Scale(t.seconds(), t.unit(), t == TimeScale.HOURS || t == TimeScale.DAYS ? "%.2f" : "%.1f");
                }
                case FRACTION:
                    return new Scale(0.01, "%", "%.1f");
                case USD:
                    return new Scale(1, "USD", largest < 100 ? "%,.2f" : "%,.0f");
                case RATE:
                    return new Scale(1, "/s", "%,.2f");
                case RATIO:
                    return new Scale(1, "x", "%.2f");
                case INDEX:
                    return new Scale(1, "", "%.3f");
                default:
                    if (largest >= 1e9) {
                        return new Scale(1e9, "B", "%.2f"); // token counts: billions, as the compare table shows them
                    }
                    if (largest >= 1e6) {
                        return new Scale(1e6, "M", "%.2f");
                    }
                    return new Scale(1, "", largest < 100 ? "%.1f" : "%,.0f");
            }
        }

        double of(double v) {
            return v / divisor;
        }

        String format(double v) {
            return String.format(java.util.Locale.ROOT, format, of(v));
        }
    }
}
