package dev.fleetsim.desktop.chart;

import dev.fleetsim.report.Axes;
import dev.fleetsim.report.TimeScale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.util.List;

/**
 * The run screen's live charts over simulated time (in the unit {@link TimeScale} picks for the
 * span; the caller relabels the axis as the span grows: {@link #relabel}), with the report module's axes
 * (whole-number counts, dollars) and theme. The datasets are the caller's, so a chart grows as
 * its series do; lines are drawn as one path per series (far cheaper than a segment per point,
 * the same picture when points are pixels apart).
 */
public final class TimeCharts {
    /** A time axis in {@code scale}'s unit, as {@link Axes#time} makes it (the Gantt and heatmap charts' too). */
    public static NumberAxis axis(TimeScale scale) {
        return Axes.time("simulated time", scale);
    }

    /** Gives a chart's time axis the label of another unit (the data were rescaled to it). */
    public static void relabel(JFreeChart chart, TimeScale scale) {
        chart.getXYPlot().getDomainAxis().setLabel(axis(scale).getLabel());
    }

    /** Counts (GPUs, jobs) over time, one path per series, colours in order. */
    public static JFreeChart dense(String title, String subtitle, String yLabel, XYSeriesCollection data, List<Color> colours) {
        XYPlot plot = new XYPlot(data, axis(TimeScale.SECONDS), Axes.count(yLabel), path(colours, 0));
        return Look.chart(title, subtitle, plot, true);
    }

    /** Power (kW, left axis) and cumulative cost (dollars, right axis) over time. */
    public static JFreeChart denseTwoAxes(String title, String subtitle, String leftLabel, XYSeriesCollection left,
                                          String rightLabel, XYSeriesCollection right) {
        NumberAxis kw = Axes.number(leftLabel);
        kw.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(left, axis(TimeScale.SECONDS), kw, path(Look.THEME.palette(), 0));
        plot.setRangeAxis(1, Axes.usd(rightLabel));
        plot.setDataset(1, right);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, path(Look.THEME.palette(), left.getSeriesCount()));
        JFreeChart chart = Look.chart(title, subtitle, plot, true);
        // the theme styles the first range axis; the second gets the same fonts
        plot.getRangeAxis(1).setLabelFont(Look.THEME.axisLabel());
        plot.getRangeAxis(1).setTickLabelFont(Look.THEME.tickLabel());
        return chart;
    }

    private static XYLineAndShapeRenderer path(List<Color> colours, int offset) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < 12; i++) {
            r.setSeriesPaint(i, colours.get((i + offset) % colours.size()));
            r.setSeriesStroke(i, Look.line());
        }
        return r;
    }
}
