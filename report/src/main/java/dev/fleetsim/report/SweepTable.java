package dev.fleetsim.report;

import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.AxisSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code fleetsim sweep} prints: one row per configuration (the values of the axes other
 * than the seed), one column per metric the experiment shows, each cell the mean over seeds and
 * its 95 % confidence interval. A duration column uses one unit (the one that suits its largest
 * mean). Long sweeps print the first {@link #ROWS} rows; every row is in {@code sweep-summary.csv}.
 */
public final class SweepTable {
    static final int ROWS = 40;

    private SweepTable() {
    }

    public static String of(SweepResult r, double wallS, int threads) {
        List<SweepResult.Configuration> configs = r.configurations();
        List<SummaryMetric> metrics = r.metrics();
        List<String> names = SweepCharts.configurationNames(r);
        int seeds = configs.isEmpty() ? 0 : configs.get(0).points().size();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[names.size() + metrics.size()];
        List<SweepCharts.Scale> scales = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            double largest = 0;
            for (SweepResult.Configuration c : configs) {
                double mean = r.estimate(c, metrics.get(m)).mean();
                largest = Math.max(largest, Double.isNaN(mean) ? 0 : Math.abs(mean));
            }
            SweepCharts.Scale s = SweepCharts.Scale.of(metrics.get(m), largest);
            scales.add(s);
            header[names.size() + m] = metrics.get(m).name() + (s.unit().isEmpty() ? "" : " (" + s.unit() + ")");
        }
        for (int a = 0; a < names.size(); a++) {
            header[a] = names.get(a);
        }
        rows.add(header);
        for (SweepResult.Configuration c : configs.subList(0, Math.min(ROWS, configs.size()))) {
            String[] row = new String[header.length];
            for (int a = 0; a < names.size(); a++) {
                row[a] = AxisSpec.text(c.values().get(a));
            }
            for (int m = 0; m < metrics.size(); m++) {
                Estimate e = r.estimate(c, metrics.get(m));
                SweepCharts.Scale s = scales.get(m);
                row[names.size() + m] = Double.isNaN(e.mean()) ? "n/a" : e.hasInterval()
                        ? s.format(e.mean()) + " [" + s.format(e.low()) + ", " + s.format(e.high()) + "]" : s.format(e.mean());
            }
            rows.add(row);
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Experiment %s: %d points (%d configurations x %d seed%s) on %d thread%s in %.1f s"
                        + "%s%n", r.plan().spec().name(), r.plan().points().size(), configs.size(), seeds, seeds == 1 ? "" : "s",
                threads, threads == 1 ? "" : "s", wallS, r.reused() > 0 ? "; " + r.reused() + " reused from an earlier run" : ""));
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            for (int c = 0; c < row.length; c++) {
                b.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, (c < names.size() ? "%-" : "%") + widths[c] + "s",
                        row[c]));
            }
            b.append('\n');
            if (i == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                b.append("-".repeat(Math.max(0, total - 2))).append('\n');
            }
        }
        if (configs.size() > ROWS) {
            b.append(String.format(Locale.ROOT, "... and %d more configurations in sweep-summary.csv%n", configs.size() - ROWS));
        }
        if (seeds > 1) {
            b.append("mean [95 % CI] over seeds; CI: ").append(Estimate.METHOD).append('\n');
        }
        return b.toString();
    }
}
