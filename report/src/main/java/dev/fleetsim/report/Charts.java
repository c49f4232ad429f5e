package dev.fleetsim.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The generic chart factories the run, comparison and sweep charts are built from (and a
 * front end's own charts, such as serving's): lines over a shared x axis, and horizontal bars.
 * Each takes its axes from {@link Axes} and its look from a {@link ChartTheme}. Titles and
 * subtitles are cut to {@link #MAX_TITLE} characters: JFreeChart's line breaking is quadratic in
 * a title's length, and a scenario name is the user's.
 */
public final class Charts {
    /** The longest title or subtitle drawn, in characters. */
    public static final int MAX_TITLE = 160;

    private Charts() {
    }

    /** Lines of {@code data} over {@code x}; series {@code i} in the theme's colour {@code i}. */
    public static JFreeChart lines(ChartTheme theme, String title, String subtitle, ValueAxis x, ValueAxis y,
                                   XYSeriesCollection data) {
        return xy(theme, title, subtitle, x, y, data, theme.lineRenderer(data.getSeriesCount()));
    }

    /** Lines with a marker at every point: measured points such as a sweep's axis values. */
    public static JFreeChart points(ChartTheme theme, String title, String subtitle, ValueAxis x, ValueAxis y,
                                    XYSeriesCollection data) {
        return xy(theme, title, subtitle, x, y, data, theme.pointRenderer(data.getSeriesCount()));
    }

    /** An XY chart with any renderer the caller styled (for a factory that needs bands or steps). */
    public static JFreeChart xy(ChartTheme theme, String title, String subtitle, ValueAxis x, ValueAxis y,
                                XYDataset data, XYItemRenderer renderer) {
        XYPlot plot = new XYPlot(data, x, y, renderer);
        return theme.chart(cut(title), cut(subtitle), plot, data.getSeriesCount() > 1);
    }

    /** Horizontal bars, one group per category (row keys are the series, in the theme's colours). */
    public static JFreeChart horizontalBars(ChartTheme theme, String title, String subtitle, String categoryLabel,
                                            ValueAxis value, CategoryDataset data) {
        BarRenderer renderer = new BarRenderer();
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, theme.colour(i));
        }
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardBarPainter());
        CategoryAxis axis = new CategoryAxis(categoryLabel);
        axis.setMaximumCategoryLabelWidthRatio(0.45f);
        CategoryPlot plot = new CategoryPlot(data, axis, value, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return theme.chart(cut(title), cut(subtitle), plot, data.getRowCount() > 1);
    }

    /** A series that keeps points in the order added and allows repeated x values. */
    public static XYSeries series(String label) {
        return new XYSeries(label, false, true);
    }

    static String cut(String text) {
        if (text == null || text.length() <= MAX_TITLE) {
            return text;
        }
        return text.substring(0, MAX_TITLE - 1) + "…";
    }
}
