package dev.fleetsim.engine.compare;

import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.PolicySpec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison's CSV files: {@code compare.csv}, one row per policy × seed;
 * {@code compare-summary.csv}, one row per policy × metric with the mean over seeds and its 95 %
 * confidence interval (empty with a single seed); {@code compare-tenants.csv}, the same per
 * policy × tenant × metric; and {@code compare-policies.csv}, the parameters each policy ran
 * with. Fixed formats in {@code Locale.ROOT}, so the same comparison gives the same bytes.
 */
public final class ComparisonCsv {
    public static final String RUNS = "compare.csv";
    public static final String SUMMARY = "compare-summary.csv";
    public static final String TENANTS = "compare-tenants.csv";
    public static final String POLICIES = "compare-policies.csv";

    private ComparisonCsv() {
    }

    public static String runs(ComparisonResult r) {
        StringBuilder b = new StringBuilder("policy,seed,jobs,finished,rejected");
        List<SummaryMetric> metrics = metrics(r);
        for (SummaryMetric m : metrics) {
            b.append(',').append(m.name());
        }
        b.append(",events\n");
        for (RunOutcome o : r.runs()) {
            RunSummary.Counts c = o.summary().jobCounts();
            b.append(csv(o.policy())).append(',').append(o.seed()).append(',').append(c.jobs()).append(',')
                    .append(c.finished()).append(',').append(c.rejected());
            for (SummaryMetric m : metrics) {
                b.append(',').append(number(o.value(m)));
            }
            b.append(',').append(o.summary().kernel().events()).append('\n');
        }
        return b.toString();
    }

    public static String summary(ComparisonResult r) {
        StringBuilder b = new StringBuilder("policy,metric,runs,mean,ci95_low,ci95_high,ci_method\n");
        List<SummaryMetric> metrics = metrics(r);
        for (String policy : r.policies()) {
            for (SummaryMetric m : metrics) {
                row(b, csv(policy) + "," + m.name(), r.estimate(policy, m));
            }
        }
        return b.toString();
    }

    /** The run metrics, and the serving ones when the scenario has services. */
    public static List<SummaryMetric> metrics(ComparisonResult r) {
        return SummaryMetric.shown(r.runs().stream().map(RunOutcome::summary).toList());
    }

    public static String tenants(ComparisonResult r) {
        StringBuilder b = new StringBuilder("policy,tenant,metric,runs,mean,ci95_low,ci95_high,ci_method\n");
        for (String policy : r.policies()) {
            for (String tenant : r.tenants()) {
                for (SummaryMetric.TenantMetric m : SummaryMetric.TENANT) {
                    row(b, csv(policy) + "," + csv(tenant) + "," + m.name(), r.estimate(policy, tenant, m));
                }
            }
        }
        return b.toString();
    }

    /** One row per label and parameter: what each policy ran with, defaults being the policy's own. */
    public static String policies(ComparisonResult r) {
        StringBuilder b = new StringBuilder("policy,name,parameter,value\n");
        for (Map.Entry<String, PolicySpec> e : r.ranWith().entrySet()) {
            PolicySpec p = e.getValue();
            if (p.params().isEmpty()) {
                b.append(csv(e.getKey())).append(',').append(csv(p.name())).append(",(defaults),\n");
            }
            for (Map.Entry<String, Object> param : p.params().entrySet()) {
                b.append(csv(e.getKey())).append(',').append(csv(p.name())).append(',').append(csv(param.getKey()))
                        .append(',').append(csv(String.valueOf(param.getValue()))).append('\n');
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String key, Estimate e) {
        b.append(key).append(',').append(e.n()).append(',').append(number(e.mean())).append(',')
                .append(number(e.low())).append(',').append(number(e.high())).append(',')
                .append(e.hasInterval() ? "bootstrap-percentile" : "").append('\n');
    }

    /** Six decimals, or empty for a value that does not exist (NaN: no interval from one seed, no jobs to average). */
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
