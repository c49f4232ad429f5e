package dev.fleetsim.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * A planner's cost–SLO chart: every configuration it simulated as a marker, one series per
 * discrete choice (monthly cost against the metric), the Pareto front as a line through the
 * non-dominated ones, the chosen configuration ringed, and the constraint's limit as a dashed level.
 */
public final class ParetoChart {
    private ParetoChart() {
    }

    /** A configuration: its monthly cost and its metric (seconds for a time metric). */
    public record Point(double costUsdPerMonth, double metric) {
    }

    /**
     * @param byChoice the points of each choice, in legend order
     * @param front the Pareto front, cheapest first
     * @param timeMetric whether the metric is a time (drawn in a time unit) or a plain number
     * @param limit the constraint's limit on the metric (NaN: none drawn)
     */
    public static JFreeChart of(ChartTheme theme, String title, String subtitle, String metricLabel, boolean timeMetric,
                                Map<String, List<Point>> byChoice, List<Point> front, Point chosen, double limit) {
        double largest = Double.isNaN(limit) ? 0 : limit;
        for (List<Point> ps : byChoice.values()) {
            for (Point p : ps) {
                largest = Math.max(largest, p.metric());
            }
        }
        // A time constraint is an upper bound: the configurations far above it (undersized fleets waiting days)
        // would squash the front near the limit, so the range stops at the front or 4 x the limit, whichever is higher.
        double top = largest;
        int above = 0;
        if (timeMetric && !Double.isNaN(limit) && limit > 0) {
            double keep = 4 * limit;
            for (Point p : front) {
                keep = Math.max(keep, p.metric());
            }
            if (chosen != null) {
                keep = Math.max(keep, chosen.metric());
            }
            for (List<Point> ps : byChoice.values()) {
                for (Point p : ps) {
                    above += p.metric() > keep ? 1 : 0;
                }
            }
            top = above > 0 ? keep : largest;
        }
        TimeScale scale = timeMetric ? TimeScale.forSpan(top) : new TimeScale("", 1);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries frontSeries = Charts.series("Pareto front");
        for (Point p : front) {
            frontSeries.add(p.costUsdPerMonth(), p.metric() / scale.seconds());
        }
        data.addSeries(frontSeries);
        XYSeries chosenSeries = Charts.series("chosen");
        if (chosen != null) {
            chosenSeries.add(chosen.costUsdPerMonth(), chosen.metric() / scale.seconds());
        }
        data.addSeries(chosenSeries);
        for (Map.Entry<String, List<Point>> e : byChoice.entrySet()) {
            XYSeries s = Charts.series(e.getKey());
            for (Point p : e.getValue()) {
                s.add(p.costUsdPerMonth(), p.metric() / scale.seconds());
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(0, Color.DARK_GRAY);
        renderer.setSeriesStroke(0, theme.line());
        renderer.setSeriesPaint(1, Color.BLACK);
        renderer.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-7, -7, 14, 14));
        for (int i = 2; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, theme.colour(i - 2));
        }
        NumberAxis x = Axes.usd("fleet cost per month (USD)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = timeMetric ? Axes.time(metricLabel, scale) : Axes.number(metricLabel);
        y.setAutoRangeIncludesZero(true);
        String sub = subtitle;
        if (above > 0) {
            y.setRange(0, top / scale.seconds() * 1.08);
            sub = subtitle + String.format(java.util.Locale.ROOT, "; %d higher, not drawn", above);
        }
        JFreeChart chart = Charts.xy(theme, title, sub, x, y, data, renderer);
        if (!Double.isNaN(limit)) {
            ValueMarker m = new ValueMarker(limit / scale.seconds(), Color.GRAY, theme.dashed());
            m.setLabel("limit");
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            ((XYPlot) chart.getPlot()).addRangeMarker(m);
        }
        return chart;
    }
}
