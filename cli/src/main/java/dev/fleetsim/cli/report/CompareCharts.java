package dev.fleetsim.cli.report;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.metrics.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CDF charts of a comparison: completion time and wait, one line per policy, over all jobs
 * of all its seeds, on a logarithmic time axis (the durations span seconds to weeks). Times under
 * one second are drawn at one second, since a log axis has no zero. Each line has points at evenly
 * spaced ranks and at evenly spaced logarithmic times, so a tail holding a few percent of the jobs
 * (the waits of a mostly idle cluster) is drawn as finely as the bulk. When every line already has
 * most of its jobs at the left edge, the fraction axis starts at the lowest of those shares
 * (rounded down to 0.05) instead of at 0, so the lines are not flattened into the top of the chart.
 */
public final class CompareCharts {
    /** Points per line: the CDF at evenly spaced ranks, plenty for a 1000-pixel chart. */
    static final int POINTS = 600;
    private static final List<Color> COLOURS = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private CompareCharts() {
    }

    /** The charts by file name, ready for atomic writing. */
    public static Map<String, AtomicFiles.Content> of(ComparisonResult r) {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        out.put("jct-cdf.png", png(cdf(r, true)));
        out.put("wait-cdf.png", png(cdf(r, false)));
        return out;
    }

    public static JFreeChart cdf(ComparisonResult r, boolean jct) {
        XYSeriesCollection data = new XYSeriesCollection();
        double leftEdge = 1.0;
        for (String policy : r.policies()) {
            double[] sample = jct ? r.pooledJctS(policy) : r.pooledWaitS(policy);
            data.addSeries(series(policy, sample));
            leftEdge = Math.min(leftEdge, sample.length == 0 ? 0 : atMostOneSecond(sample));
        }
        double yFrom = yAxisStart(leftEdge);
        LogAxis x = new LogAxis((jct ? "job completion time" : "wait") + " (s, log scale)");
        x.setSmallestValue(1);
        // Ticks at whole powers of ten, labelled as plain seconds (1, 10, 100, 1,000, ...).
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        NumberAxis y = new NumberAxis("fraction of jobs");
        y.setRange(yFrom, 1.0);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < r.policies().size(); i++) {
            renderer.setSeriesPaint(i, COLOURS.get(i % COLOURS.size()));
            renderer.setSeriesStroke(i, new BasicStroke(1.8f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(jct ? "Job completion time (CDF)" : "Wait before start (CDF)", TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(r.scenario() + " — all jobs of " + r.seeds().size() + " seed"
                + (r.seeds().size() == 1 ? "" : "s") + " per policy; times under 1 s drawn at 1 s"
                + (yFrom > 0 ? String.format(Locale.ROOT, "; fraction axis from %.2f", yFrom) : ""), SUBTITLE));
        return chart;
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

    /** 0, or, when every line starts at a share of at least one half, that share rounded down to 0.05. */
    static double yAxisStart(double lowestLeftEdgeShare) {
        return lowestLeftEdgeShare < 0.5 ? 0 : Math.floor(lowestLeftEdgeShare * 20 + 1e-9) / 20;
    }

    /**
     * The empirical CDF at up to {@link #POINTS} evenly spaced ranks, from the smallest value to the
     * largest, and at {@link #POINTS} times evenly spaced on the log axis from the smallest value (at
     * least one second) to the largest; points in order of time, then fraction.
     */
    static XYSeries series(String label, double[] sample) {
        XYSeries s = new XYSeries(label, false, true);
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

    private static AtomicFiles.Content png(JFreeChart chart) {
        return out -> ChartUtils.writeChartAsPNG(out, chart, Charts.WIDTH, Charts.HEIGHT);
    }
}
