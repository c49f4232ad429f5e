package dev.fleetsim.cli.report;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.compare.Estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side table {@code fleetsim compare} prints: one row per metric, one column per
 * policy, each cell the mean over seeds ± the 95 % confidence half-width. A duration row uses one
 * unit for all policies (the one that suits its largest mean), named in the row label.
 */
public final class CompareTable {

    private CompareTable() {
    }

    public static String of(ComparisonResult r, double wallS, int threads) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[r.policies().size() + 1];
        header[0] = "metric (mean ± 95 % CI over " + r.seeds().size() + " seed" + (r.seeds().size() == 1 ? "" : "s") + ")";
        for (int p = 0; p < r.policies().size(); p++) {
            header[p + 1] = r.policies().get(p);
        }
        rows.add(header);
        for (ComparisonResult.Metric m : ComparisonResult.METRICS) {
            List<Estimate> estimates = new ArrayList<>();
            double largest = 0;
            for (String policy : r.policies()) {
                Estimate e = r.estimate(policy, m);
                estimates.add(e);
                largest = Math.max(largest, Double.isNaN(e.mean()) ? 0 : Math.abs(e.mean()));
            }
            Scale scale = Scale.of(m.unit(), largest);
            String[] row = new String[estimates.size() + 1];
            row[0] = m.label() + (scale.label.isEmpty() ? "" : " (" + scale.label + ")");
            for (int i = 0; i < estimates.size(); i++) {
                row[i + 1] = cell(estimates.get(i), scale);
            }
            rows.add(row);
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Scenario %s: %d policies x %d seeds = %d runs on %d thread%s in %.1f s%n",
                r.scenario(), r.policies().size(), r.seeds().size(), r.runs().size(), threads, threads == 1 ? "" : "s", wallS));
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            b.append(String.format(Locale.ROOT, "%-" + widths[0] + "s", row[0]));
            for (int c = 1; c < row.length; c++) {
                b.append("  ").append(String.format(Locale.ROOT, "%" + widths[c] + "s", row[c]));
            }
            b.append('\n');
            if (i == 0) {
                int total = widths[0];
                for (int c = 1; c < widths.length; c++) {
                    total += 2 + widths[c];
                }
                b.append("-".repeat(total)).append('\n');
            }
        }
        return b.toString();
    }

    private static String cell(Estimate e, Scale s) {
        if (Double.isNaN(e.mean())) {
            return "n/a";
        }
        String mean = String.format(Locale.ROOT, s.format, e.mean() / s.divisor);
        if (Double.isNaN(e.halfWidth95())) {
            return mean;
        }
        return mean + " ± " + String.format(Locale.ROOT, s.format, e.halfWidth95() / s.divisor);
    }

    /** How one row's numbers are shown: divisor, format and the unit named in the label. */
    private record Scale(double divisor, String format, String label) {
        static Scale of(ComparisonResult.Unit unit, double largest) {
            switch (unit) {
                case SECONDS:
                    if (largest < 120) {
                        return new Scale(1, "%.1f", "s");
                    }
                    if (largest < 7_200) {
                        return new Scale(60, "%.1f", "min");
                    }
                    if (largest < 172_800) {
                        return new Scale(3_600, "%.2f", "h");
                    }
                    return new Scale(86_400, "%.2f", "d");
                case FRACTION:
                    return new Scale(0.01, "%.1f", "%");
                case INDEX:
                    return new Scale(1, "%.3f", "");
                case USD:
                    return new Scale(1, "%,.0f", "USD");
                default:
                    return new Scale(1, "%.1f", "");
            }
        }
    }
}
