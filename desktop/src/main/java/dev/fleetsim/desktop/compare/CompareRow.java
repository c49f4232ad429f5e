package dev.fleetsim.desktop.compare;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.table.Column;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.compare.Estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * One metric of a comparison across the policies: each policy's mean over seeds with its 95 %
 * confidence half-width, as the engine's comparison estimates them.
 */
public record CompareRow(ComparisonResult.Metric metric, List<Estimate> estimates) {
    public CompareRow {
        estimates = List.copyOf(estimates);
    }

    public static List<CompareRow> of(ComparisonResult r) {
        List<CompareRow> out = new ArrayList<>();
        for (ComparisonResult.Metric m : ComparisonResult.METRICS) {
            out.add(new CompareRow(m, r.policies().stream().map(p -> r.estimate(p, m)).toList()));
        }
        return out;
    }

    /** The table's columns: the metric, then a column per policy. */
    public static List<Column<CompareRow>> columns(List<String> policies) {
        List<Column<CompareRow>> out = new ArrayList<>();
        out.add(Column.text("metric", "metric", r -> r.metric().label()));
        for (int i = 0; i < policies.size(); i++) {
            int p = i;
            out.add(new Column<>(policies.get(i), policies.get(i), r -> r.estimates().get(p).mean(),
                    r -> text(r.metric().unit(), r.estimates().get(p)), r -> csv(r.estimates().get(p)), true));
        }
        return out;
    }

    /** {@code 11.7 h ± 0.4 h}; a single seed has no interval. */
    static String text(ComparisonResult.Unit unit, Estimate e) {
        String mean = value(unit, e.mean());
        if (Double.isNaN(e.halfWidth95())) {
            return mean;
        }
        return mean + " ± " + value(unit, e.halfWidth95());
    }

    static String value(ComparisonResult.Unit unit, double v) {
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
            default:
                return Formats.number(v, 3);
        }
    }

    /** {@code mean ± half-width} as plain numbers, {@code mean} alone for one seed. */
    static String csv(Estimate e) {
        return Double.isNaN(e.halfWidth95()) ? Formats.plain(e.mean(), 6)
                : Formats.plain(e.mean(), 6) + " ± " + Formats.plain(e.halfWidth95(), 6);
    }
}
