package dev.fleetsim.engine.compare;

import java.util.Locale;

/**
 * The comparison's CSV files: {@code compare.csv}, one row per policy × seed, and
 * {@code compare-summary.csv}, one row per policy × metric with the mean over seeds and its 95 %
 * confidence interval (empty with a single seed). Fixed formats in {@code Locale.ROOT}, so the
 * same comparison gives the same bytes.
 */
public final class ComparisonCsv {
    public static final String RUNS = "compare.csv";
    public static final String SUMMARY = "compare-summary.csv";

    private ComparisonCsv() {
    }

    public static String runs(ComparisonResult r) {
        StringBuilder b = new StringBuilder("policy,seed,jobs,finished,rejected");
        for (ComparisonResult.Metric m : ComparisonResult.METRICS) {
            b.append(',').append(m.name());
        }
        b.append(",events\n");
        for (RunOutcome o : r.runs()) {
            b.append(o.policy()).append(',').append(o.seed()).append(',').append(o.jobs()).append(',')
                    .append(o.finished()).append(',').append(o.rejected());
            for (ComparisonResult.Metric m : ComparisonResult.METRICS) {
                b.append(',').append(number(m.value().applyAsDouble(o)));
            }
            b.append(',').append(o.events()).append('\n');
        }
        return b.toString();
    }

    public static String summary(ComparisonResult r) {
        StringBuilder b = new StringBuilder("policy,metric,runs,mean,ci95_half_width,ci95_low,ci95_high\n");
        for (String policy : r.policies()) {
            for (ComparisonResult.Metric m : ComparisonResult.METRICS) {
                Estimate e = r.estimate(policy, m);
                b.append(policy).append(',').append(m.name()).append(',').append(e.n()).append(',')
                        .append(number(e.mean())).append(',').append(number(e.halfWidth95())).append(',')
                        .append(number(e.low())).append(',').append(number(e.high())).append('\n');
            }
        }
        return b.toString();
    }

    /** Six decimals, or empty for a value that does not exist (NaN: no interval from one seed, no tenants). */
    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
