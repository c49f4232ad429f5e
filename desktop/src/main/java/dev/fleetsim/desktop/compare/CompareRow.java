package dev.fleetsim.desktop.compare;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.table.Column;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.SummaryMetric;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the comparison table: a metric (of the whole run, or of one tenant) across the
 * policies, each cell the mean over seeds and its 95 % interval as the engine's comparison
 * estimates them (bootstrap percentile), the same figures {@code fleetsim compare} prints.
 *
 * @param label the metric's label, {@code mean JCT} or {@code research: mean JCT}
 * @param name the metric's name in the CSV files, {@code mean_jct_s} or {@code research/mean_jct_s}
 */
public record CompareRow(String label, String name, SummaryMetric.Unit unit, List<Estimate> estimates) {
    public CompareRow {
        estimates = List.copyOf(estimates);
    }

    /** Every metric of {@link SummaryMetric#ALL}, then, with more than one tenant, each tenant's metrics. */
    public static List<CompareRow> of(ComparisonResult r) {
        List<CompareRow> out = new ArrayList<>();
        for (SummaryMetric m : SummaryMetric.ALL) {
            out.add(new CompareRow(m.label(), m.name(), m.unit(), r.policies().stream().map(p -> r.estimate(p, m)).toList()));
        }
        List<String> tenants = r.tenants();
        if (tenants.size() > 1) {
            for (String t : tenants) {
                for (SummaryMetric.TenantMetric m : SummaryMetric.TENANT) {
                    out.add(new CompareRow(t + ": " + m.label(), t + "/" + m.name(), m.unit(),
                            r.policies().stream().map(p -> r.estimate(p, t, m)).toList()));
                }
            }
        }
        return out;
    }

    /** The table's columns: the metric, then a column per policy. */
    public static List<Column<CompareRow>> columns(List<String> policies) {
        List<Column<CompareRow>> out = new ArrayList<>();
        out.add(Column.text("metric", "metric", CompareRow::label));
        for (int i = 0; i < policies.size(); i++) {
            int p = i;
            out.add(new Column<>(policies.get(i), policies.get(i), r -> r.estimates().get(p).mean(),
                    r -> text(r.unit(), r.estimates().get(p)), r -> csv(r.estimates().get(p)), true));
        }
        return out;
    }

    /** {@code 11.7 h  [10.9 h – 12.4 h]}; a single seed has no interval. */
    static String text(SummaryMetric.Unit unit, Estimate e) {
        String mean = value(unit, e.mean());
        if (!e.hasInterval()) {
            return mean;
        }
        return mean + "  [" + value(unit, e.low()) + " – " + value(unit, e.high()) + "]";
    }

    static String value(SummaryMetric.Unit unit, double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        switch (unit) {
            case SECONDS:
                return Formats.duration(v);
            case FRACTION:
                return Formats.percent(v);
            case USD:
                return Formats.usd(v);
            case COUNT:
                return Formats.number(v, v == Math.rint(v) ? 0 : 1);
            case RATIO:
                return Formats.number(v, 2) + "×";
            default:
                return Formats.number(v, 3);
        }
    }

    /** {@code mean [low, high]} as plain numbers (seconds, fractions, dollars), {@code mean} alone for one seed. */
    static String csv(Estimate e) {
        return !e.hasInterval() ? Formats.plain(e.mean(), 6)
                : Formats.plain(e.mean(), 6) + " [" + Formats.plain(e.low(), 6) + ", " + Formats.plain(e.high(), 6) + "]";
    }
}
