package dev.fleetsim.report;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.metrics.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CDF charts of a comparison: completion time, wait before the first start, and queueing
 * time (all time spent waiting, after preemptions too), one line per policy, over all jobs of
 * all its seeds, on a logarithmic duration axis (1 s, 1 min, 1 h, 1 d ...; the durations span
 * seconds to weeks). Times under one second are drawn at one second, since a log axis has no
 * zero. Each line has points at evenly spaced ranks and at evenly spaced logarithmic times, so
 * a tail holding a few percent of the jobs is drawn as finely as the bulk, and runs on flat to
 * the right edge. When every line already has most of its jobs at the left edge, the fraction
 * axis starts at the lowest of those shares (rounded down to 0.05, at most 0.95) instead of at 0,
 * so the lines are not flattened into the top of the chart; when no job waited at all, the
 * subtitle says so instead of drawing an empty chart.
 */
public final class CompareCharts {
    /** Points per line: the CDF at evenly spaced ranks, plenty for a 1000-pixel chart. */
    static final int POINTS = 600;
    public static final String JCT = "jct-cdf.png";
    public static final String WAIT = "wait-cdf.png";
    public static final String QUEUEING = "queueing-cdf.png";

    private CompareCharts() {
    }

    /** The charts by file name, ready for atomic writing. */
    public static Map<String, AtomicFiles.Content> of(ChartTheme theme, ComparisonResult r) {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        out.put(JCT, theme.png(cdf(theme, r, Sample.JCT)));
        out.put(WAIT, theme.png(cdf(theme, r, Sample.WAIT)));
        out.put(QUEUEING, theme.png(cdf(theme, r, Sample.QUEUEING)));
        return out;
    }

    /** Which per-job duration a CDF shows. */
    public enum Sample {
        JCT("Job completion time (CDF)", "job completion time", "finished jobs"),
        WAIT("Wait before the first start (CDF)", "wait before the first start", "started jobs"),
        QUEUEING("Queueing time: all time spent waiting (CDF)", "queueing time, preemptions included", "jobs");

        final String title;
        final String axis;
        final String population;

        Sample(String title, String axis, String population) {
            this.title = title;
            this.axis = axis;
            this.population = population;
        }
    }

    public static JFreeChart cdf(ChartTheme theme, ComparisonResult r, Sample which) {
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (String policy : r.policies()) {
            samples.put(policy, which == Sample.JCT ? r.pooledJctS(policy)
                    : which == Sample.WAIT ? r.pooledWaitS(policy) : r.pooledQueueingS(policy));
        }
        String seeds = r.seeds().size() + " seed" + (r.seeds().size() == 1 ? "" : "s");
        return cdf(theme, which.title, which.axis, r.scenario() + " — " + which.population + " of " + seeds + " per policy",
                samples);
    }

    /** One CDF line per labelled sample of durations in seconds (any front end's samples). */
    public static JFreeChart cdf(ChartTheme theme, String title, String what, String subtitle,
                                 Map<String, double[]> samples) {
        double leftEdge = 1.0;
        double top = 1.0;
        boolean any = false;
        for (double[] sample : samples.values()) {
            if (sample.length > 0) {
                any = true;
                leftEdge = Math.min(leftEdge, atMostOneSecond(sample));
                top = Math.max(top, Arrays.stream(sample).max().orElse(1));
            }
        }
        DurationLogAxis x = Axes.durationLog(what + " (log scale)", 1, top);
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            XYSeries s = series(e.getKey(), e.getValue());
            if (s.getItemCount() > 0) {
                // A CDF stays at its last fraction to the right: draw it to the edge, so a line of one point shows.
                s.add(x.getUpperBound(), s.getY(s.getItemCount() - 1));
            }
            data.addSeries(s);
        }
        double yFrom = any ? yAxisStart(leftEdge) : 0;
        NumberAxis y = new NumberAxis("fraction of jobs");
        // A little headroom, so a line at 1.0 is not drawn on the plot's edge.
        y.setRange(yFrom, 1.0 + 0.02 * (1.0 - yFrom));
        double span = 1.0 - yFrom;
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(span >= 0.5 ? 0.1 : span >= 0.2 ? 0.05 : 0.01,
                new java.text.DecimalFormat("0.00", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
        String note = !any ? "no jobs to show"
                : top <= 1.0 ? "every value is at most 1 s (drawn at 1 s)"
                : "times under 1 s drawn at 1 s" + (yFrom > 0 ? String.format(Locale.ROOT,
                "; fraction axis from %.2f", yFrom) : "");
        return Charts.lines(theme, title, subtitle + "; " + note, x, y, data);
    }

    /** The share of the sample at or under one second (drawn at the chart's left edge). */
    static double atMostOneSecond(double[] sample) {
        int n = 0;
        for (double v : sample) {
            if (v <= 1.0) {
                n++;
            }
        }
        return (double) n / sample.length;
    }

    /** 0, or, when every line starts at a share of at least one half, that share rounded down to 0.05 (at most 0.95). */
    static double yAxisStart(double lowestLeftEdgeShare) {
        return lowestLeftEdgeShare < 0.5 ? 0 : Math.min(0.95, Math.floor(lowestLeftEdgeShare * 20 + 1e-9) / 20);
    }

    /**
     * The empirical CDF at up to {@link #POINTS} evenly spaced ranks, from the smallest value to the
     * largest, and at {@link #POINTS} times evenly spaced on the log axis from the smallest value (at
     * least one second) to the largest; points in order of time, then fraction.
     */
    static XYSeries series(String label, double[] sample) {
        XYSeries s = Charts.series(label);
        if (sample.length == 0) {
            return s;
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int points = Math.min(POINTS, n);
        List<double[]> xy = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            int rank = points == 1 ? n : (int) Math.round(1 + (double) i * (n - 1) / (points - 1));
            xy.add(new double[] {Math.max(1.0, sorted[rank - 1]), (double) rank / n});
        }
        double bottom = Math.log10(Math.max(1.0, sorted[0]));
        double top = Math.log10(Math.max(1.0, sorted[n - 1]));
        for (int i = 1; i < POINTS && top > bottom; i++) {
            double x = Math.pow(10, bottom + (top - bottom) * i / POINTS);
            xy.add(new double[] {x, (double) atOrBelow(sorted, x) / n});
        }
        xy.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        for (double[] p : xy) {
            s.add(p[0], p[1]);
        }
        return s;
    }

    /** How many values of the sorted array are at most {@code x}. */
    private static int atOrBelow(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
