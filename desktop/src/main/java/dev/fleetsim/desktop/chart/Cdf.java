package dev.fleetsim.desktop.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Empirical CDFs of durations on a logarithmic time axis, one line per sample: waits and
 * completion times of a run, or of each policy of a comparison. Times under a second are drawn at
 * one second (a log axis has no zero); each line has points at evenly spaced ranks and at evenly
 * spaced log times, so a tail of a few jobs is drawn as finely as the bulk.
 */
public final class Cdf {
    static final int POINTS = 400;

    private Cdf() {
    }

    /** One line per entry, in the map's order. */
    public static JFreeChart chart(String title, String subtitle, String xLabel, Map<String, double[]> samples) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            data.addSeries(series(e.getKey() + " (" + e.getValue().length + ")", e.getValue()));
        }
        LogAxis x = new LogAxis(xLabel + " (s, log scale)");
        x.setSmallestValue(1);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        NumberAxis y = new NumberAxis("fraction of jobs");
        y.setRange(0, 1.0);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < samples.size(); i++) {
            r.setSeriesPaint(i, ChartTheme.colour(i));
            r.setSeriesStroke(i, ChartTheme.LINE);
        }
        return ChartTheme.chart(title, subtitle, new XYPlot(data, x, y, r), true);
    }

    /** The points of one sample's CDF, in order of time, then fraction. */
    public static XYSeries series(String label, double[] sample) {
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
            int below = upperBound(sorted, x);
            xy.add(new double[] {x, (double) below / n});
        }
        xy.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        for (double[] p : xy) {
            s.add(p[0], p[1], false);
        }
        s.fireSeriesChanged();
        return s;
    }

    private static int upperBound(double[] sorted, double x) {
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
