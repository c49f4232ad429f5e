package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.AxisSpec;

import java.util.List;
import java.util.Locale;

/**
 * A sweep's tables: {@code sweep.csv}, one row per point (so one per configuration and seed)
 * with every metric; {@code sweep-summary.csv}, one row per configuration and metric with the
 * mean over seeds and its 95 % confidence interval (bootstrap percentile; empty with one seed).
 * Fixed formats in {@code Locale.ROOT}: the same sweep gives the same bytes on any thread count,
 * resumed or not.
 */
public final class SweepCsv {
    public static final String POINTS = "sweep.csv";
    public static final String SUMMARY = "sweep-summary.csv";

    private SweepCsv() {
    }

    public static String points(SweepResult r) {
        ExperimentPlan plan = r.plan();
        StringBuilder b = new StringBuilder("point");
        for (String name : plan.axisNames()) {
            b.append(',').append(name);
        }
        b.append(",jobs,finished,rejected");
        List<SummaryMetric> metrics = SummaryMetric.shown(r.summaries());
        for (SummaryMetric m : metrics) {
            b.append(',').append(m.name());
        }
        b.append(",events\n");
        for (Point p : plan.points()) {
            RunSummary s = r.summaries().get(p.index());
            b.append(csv(p.id()));
            for (int a = 0; a < p.values().size(); a++) {
                b.append(',').append(csv(p.text(a)));
            }
            RunSummary.Counts jobs = s.jobCounts();
            b.append(',').append(jobs.jobs()).append(',').append(jobs.finished()).append(',').append(jobs.rejected());
            for (SummaryMetric m : metrics) {
                b.append(',').append(number(m.value().applyAsDouble(s)));
            }
            b.append(',').append(s.kernel().events()).append('\n');
        }
        return b.toString();
    }

    public static String summary(SweepResult r) {
        List<String> names = r.plan().axisNames();
        List<AxisSpec> axes = r.plan().spec().axes();
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a).kind() != AxisSpec.Kind.SEED) {
                b.append(names.get(a)).append(',');
            }
        }
        b.append("metric,runs,mean,ci95_low,ci95_high,ci_method\n");
        List<SummaryMetric> metrics = SummaryMetric.shown(r.summaries());
        for (SweepResult.Configuration c : r.configurations()) {
            StringBuilder key = new StringBuilder();
            for (Object v : c.values()) {
                key.append(csv(AxisSpec.text(v))).append(',');
            }
            for (SummaryMetric m : metrics) {
                Estimate e = r.estimate(c, m);
                b.append(key).append(m.name()).append(',').append(e.n()).append(',').append(number(e.mean())).append(',')
                        .append(number(e.low())).append(',').append(number(e.high())).append(',')
                        .append(e.hasInterval() ? "bootstrap-percentile" : "").append('\n');
            }
        }
        return b.toString();
    }

    static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
