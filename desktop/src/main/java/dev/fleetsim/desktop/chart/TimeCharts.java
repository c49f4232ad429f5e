package dev.fleetsim.desktop.chart;

import dev.fleetsim.engine.metrics.TimeSeriesTable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.util.List;

/**
 * Charts over simulated time (hours on the x axis): the live charts of a run and the time series
 * of a result. The datasets are the caller's, so a live chart grows as its series do.
 */
public final class TimeCharts {
    public static final String HOURS = "simulated time (h)";

    private TimeCharts() {
    }

    /** Step lines (the state holds until its next change), one per series, colours in order. */
    public static JFreeChart lines(String title, String subtitle, String yLabel, XYSeriesCollection data, List<Color> colours) {
        NumberAxis x = new NumberAxis(HOURS);
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, renderer(colours, 0));
        return ChartTheme.chart(title, subtitle, plot, true);
    }

    /**
     * Dense lines drawn as one path per series (far cheaper to draw than a segment per step, and
     * the same picture when points are pixels apart): the live charts.
     */
    public static JFreeChart dense(String title, String subtitle, String yLabel, XYSeriesCollection data, List<Color> colours) {
        JFreeChart chart = lines(title, subtitle, yLabel, data, colours);
        chart.getXYPlot().setRenderer(path(colours, 0));
        return chart;
    }

    /** {@link #twoAxes} drawn as paths. */
    public static JFreeChart denseTwoAxes(String title, String subtitle, String leftLabel, XYSeriesCollection left,
                                          String rightLabel, XYSeriesCollection right) {
        JFreeChart chart = twoAxes(title, subtitle, leftLabel, left, rightLabel, right);
        chart.getXYPlot().setRenderer(0, path(ChartTheme.PALETTE, 0));
        chart.getXYPlot().setRenderer(1, path(ChartTheme.PALETTE, left.getSeriesCount()));
        return chart;
    }

    private static XYLineAndShapeRenderer path(List<Color> colours, int offset) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < 12; i++) {
            r.setSeriesPaint(i, colours.get((i + offset) % colours.size()));
            r.setSeriesStroke(i, ChartTheme.LINE);
        }
        return r;
    }

    /** Two quantities of different units: the first dataset on the left axis, the second on the right. */
    public static JFreeChart twoAxes(String title, String subtitle, String leftLabel, XYSeriesCollection left,
                                     String rightLabel, XYSeriesCollection right) {
        NumberAxis x = new NumberAxis(HOURS);
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis(leftLabel);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(left, x, y, renderer(ChartTheme.PALETTE, 0));
        NumberAxis y2 = new NumberAxis(rightLabel);
        y2.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, y2);
        plot.setDataset(1, right);
        plot.mapDatasetToRangeAxis(1, 1);
        // a cumulative amount grows between samples: straight lines, not steps
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < 6; i++) {
            lines.setSeriesPaint(i, ChartTheme.colour(left.getSeriesCount() + i));
            lines.setSeriesStroke(i, ChartTheme.LINE);
        }
        plot.setRenderer(1, lines);
        return ChartTheme.chart(title, subtitle, plot, true);
    }

    private static XYLineAndShapeRenderer renderer(List<Color> colours, int offset) {
        XYStepRenderer r = new XYStepRenderer();
        r.setDefaultShapesVisible(false);
        for (int i = 0; i < 12; i++) {
            r.setSeriesPaint(i, colours.get((i + offset) % colours.size()));
            r.setSeriesStroke(i, ChartTheme.LINE);
        }
        return r;
    }

    /** A column of a run's time series against its time in hours. */
    public static XYSeries series(TimeSeriesTable t, String label, String column) {
        XYSeries s = new XYSeries(label, false, true);
        int x = t.column("time_s");
        int y = t.column(column);
        for (double[] row : t.rows()) {
            s.add(row[x] / 3600.0, row[y], false);
        }
        s.fireSeriesChanged();
        return s;
    }

    public static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries s : series) {
            c.addSeries(s);
        }
        return c;
    }
}
