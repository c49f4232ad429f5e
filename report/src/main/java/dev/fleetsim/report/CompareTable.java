package dev.fleetsim.report;

import dev.fleetsim.engine.compare.ComparisonCsv;
import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.compare.RunOutcome;
import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.PolicySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The side-by-side table {@code fleetsim compare} prints: one row per metric, one column per
 * policy, each cell the mean over seeds and its 95 % confidence interval {@code [low, high]}
 * (bootstrap percentile, so never outside the metric's range); a duration row uses one unit for
 * all policies (the one that suits its largest mean), named in the row label. Below it: per
 * tenant, the mean queueing time, JCT and slowdown (for up to {@link #TENANTS_SHOWN} tenants, the
 * rest in {@code compare-tenants.csv}), then the parameters each policy ran with.
 */
public final class CompareTable {
    static final int TENANTS_SHOWN = 6;
    private static final List<String> TENANT_METRICS = List.of("mean_queueing_s", "mean_jct_s", "mean_slowdown");

    private CompareTable() {
    }

    public static String of(ComparisonResult r, double wallS, int threads) {
        List<String[]> rows = new ArrayList<>();
        int n = r.seeds().size();
        rows.add(header(r, "metric (mean [95 % CI] over " + n + " seed" + (n == 1 ? "" : "s") + ")"));
        for (SummaryMetric m : ComparisonCsv.metrics(r)) {
            List<Estimate> estimates = new ArrayList<>();
            for (String policy : r.policies()) {
                estimates.add(r.estimate(policy, m));
            }
            rows.add(row(m.label(), m.unit(), estimates));
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Scenario %s: %d policies x %d seeds = %d runs on %d thread%s in %.1f s%n",
                r.scenario(), r.policies().size(), n, r.runs().size(), threads, threads == 1 ? "" : "s", wallS));
        table(b, rows);
        List<String> tenants = r.tenants();
        if (tenants.size() > 1) {
            List<String[]> tenantRows = new ArrayList<>();
            tenantRows.add(header(r, "per tenant (mean [95 % CI])"));
            for (String tenant : tenants.subList(0, Math.min(TENANTS_SHOWN, tenants.size()))) {
                for (SummaryMetric.TenantMetric m : SummaryMetric.TENANT) {
                    if (!TENANT_METRICS.contains(m.name())) {
                        continue;
                    }
                    List<Estimate> estimates = new ArrayList<>();
                    for (String policy : r.policies()) {
                        estimates.add(r.estimate(policy, tenant, m));
                    }
                    tenantRows.add(row(tenant + ": " + m.label(), m.unit(), estimates));
                }
            }
            b.append('\n');
            table(b, tenantRows);
            if (tenants.size() > TENANTS_SHOWN) {
                b.append(String.format(Locale.ROOT, "... and %d more tenants in compare-tenants.csv%n",
                        tenants.size() - TENANTS_SHOWN));
            }
        }
        b.append(replicasNote(r));
        b.append(n > 1 ? "95 % CI: " + Estimate.METHOD + "; with few seeds it is narrow: use 10 or more for a dependable interval\n"
                : "one seed: no confidence intervals (--seeds 1..10 gives them)\n");
        b.append("policies ran with:\n");
        for (Map.Entry<String, PolicySpec> e : r.ranWith().entrySet()) {
            b.append("  ").append(e.getKey()).append(": ").append(describe(e.getValue())).append('\n');
        }
        return b.toString();
    }

    /**
     * What the job rows mean when serving replicas are among the gangs a run placed: they count the jobs only
     * (a replica's end is a scale-down, not a completion), the replicas being in the serving rows; empty without
     * replicas.
     */
    static String replicasNote(ComparisonResult r) {
        int replicas = 0;
        int training = 0;
        for (RunOutcome o : r.runs()) {
            replicas = Math.max(replicas, o.summary().counts().servingReplicas());
            training = Math.max(training, o.jobs());
        }
        if (replicas == 0) {
            return "";
        }
        return training == 0
                ? "no training jobs: JCT, wait, queueing and slowdown have no values (serving replicas are not jobs);"
                        + " the serving rows are the services'\n"
                : "JCT, wait, queueing and slowdown count the training jobs only (up to " + training + " a run); the"
                        + " serving replicas (up to " + replicas + ") are in the serving rows\n";
    }

    /** {@code placement=best-fit, reclaim=true} or {@code defaults}. */
    static String describe(PolicySpec p) {
        if (p.params().isEmpty()) {
            return "defaults";
        }
        return p.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String[] header(ComparisonResult r, String first) {
        String[] header = new String[r.policies().size() + 1];
        header[0] = first;
        for (int p = 0; p < r.policies().size(); p++) {
            header[p + 1] = r.policies().get(p);
        }
        return header;
    }

    private static String[] row(String label, SummaryMetric.Unit unit, List<Estimate> estimates) {
        double largest = 0;
        for (Estimate e : estimates) {
            largest = Math.max(largest, Double.isNaN(e.mean()) ? 0 : Math.abs(e.mean()));
        }
        Scale scale = Scale.of(unit, largest);
        String[] row = new String[estimates.size() + 1];
        row[0] = label + (scale.label.isEmpty() ? "" : " (" + scale.label + ")");
        for (int i = 0; i < estimates.size(); i++) {
            row[i + 1] = cell(estimates.get(i), scale);
        }
        return row;
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
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
    }

    private static String cell(Estimate e, Scale s) {
        if (Double.isNaN(e.mean())) {
            return "n/a";
        }
        String mean = s.format(e.mean());
        if (!e.hasInterval()) {
            return mean;
        }
        return mean + " [" + s.format(e.low()) + ", " + s.format(e.high()) + "]";
    }

    /** How one row's numbers are shown: divisor, format and the unit named in the label. */
    private record Scale(double divisor, String pattern, String label) {
        static Scale of(SummaryMetric.Unit unit, double largest) {
            switch (unit) {
                case SECONDS: {
                    if (largest < 1) {
                        return new Scale(0.001, "%.1f", "ms"); // serving latencies
                    }
                    TimeScale t = TimeScale.forSpan(largest);
                    return new Scale(t.seconds(), t == TimeScale.HOURS || t == TimeScale.DAYS ? "%.2f" : "%.1f", t.unit());
                }
                case FRACTION:
                    return new Scale(0.01, "%.1f", "%");
                case INDEX:
                    return new Scale(1, "%.3f", "");
                case RATIO:
                    return new Scale(1, "%.2f", "x");
                case USD:
                    return new Scale(1, largest < 100 ? "%,.2f" : "%,.0f", "USD");
                case RATE:
                    return new Scale(1, "%,.2f", "/s");
                default:
                    // token counts run to 10^10 a day: "33.05 [28.72, 35.98]" in billions, not 11-digit numbers
                    if (largest >= 1e9) {
                        return new Scale(1e9, "%.2f", "B");
                    }
                    if (largest >= 1e6) {
                        return new Scale(1e6, "%.2f", "M");
                    }
                    return new Scale(1, largest < 100 ? "%.1f" : "%,.0f", "");
            }
        }

        String format(double v) {
            return String.format(Locale.ROOT, pattern, v / divisor);
        }
    }
}
