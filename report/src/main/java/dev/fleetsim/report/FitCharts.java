package dev.fleetsim.report;

import dev.fleetsim.engine.metrics.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws {@link FitChart}s (a calibration report's charts) in a {@link ChartTheme}: measured
 * points filled, the fitted curve as a line in the same colour, the fit's value at each measured
 * point hollow, rejected points as crosses in the theme's red, datasheet peaks as dashed
 * horizontal lines with their labels. Series of one group share a colour; the red is kept for
 * rejected points only.
 */
public final class FitCharts {
    /** The default theme, a little taller: fit charts carry a legend of measured/fitted pairs. */
    public static final ChartTheme THEME = taller(ChartTheme.DEFAULT, 560);

    private static final Color RED = new Color(0xd62728);

    private FitCharts() {
    }

    /** The chart as a PNG of {@link #THEME}'s size. */
    public static AtomicFiles.Content png(FitChart spec) {
        return THEME.png(chart(THEME, spec));
    }

    /** The chart in {@code theme}. */
    public static JFreeChart chart(ChartTheme theme, FitChart spec) {
        List<Color> groups = new ArrayList<>();
        for (Color c : theme.palette()) {
            if (!c.equals(RED)) {
                groups.add(c);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setUseOutlinePaint(false);
        int i = 0;
        for (FitChart.Series s : spec.series()) {
            XYSeries xy = Charts.series(s.name());
            for (int k = 0; k < s.x().length; k++) {
                if (valid(s.x()[k], spec.logX()) && valid(s.y()[k], spec.logY())) {
                    xy.add(s.x()[k], s.y()[k]);
                }
            }
            data.addSeries(xy);
            Color c = groups.get(Math.floorMod(s.group(), groups.size()));
            switch (s.kind()) {
                case MEASURED -> style(r, i, c, false, new Ellipse2D.Double(-3.5, -3.5, 7, 7), true);
                case FITTED -> {
                    style(r, i, c, true, null, false);
                    r.setSeriesStroke(i, theme.line());
                }
                case FITTED_POINTS -> style(r, i, c, false, new Ellipse2D.Double(-5, -5, 10, 10), false);
                case REJECTED -> style(r, i, RED, false, cross(), false);
                default -> throw new IllegalStateException(s.kind().toString());
            }
            i++;
        }
        ValueAxis x = spec.logX() ? logAxis(spec.xLabel()) : new NumberAxis(spec.xLabel());
        ValueAxis y = spec.logY() ? logAxis(spec.yLabel()) : new NumberAxis(spec.yLabel());
        if (y instanceof NumberAxis) {
            ((NumberAxis) y).setAutoRangeIncludesZero(true);
        }
        JFreeChart chart = Charts.xy(theme, spec.title(), null, x, y, data, r);
        XYPlot plot = chart.getXYPlot();
        double top = 0;
        for (FitChart.Line l : spec.lines()) {
            ValueMarker m = new ValueMarker(l.y(), theme.text(), theme.dashed());
            m.setLabel(l.label());
            m.setLabelFont(theme.tickLabel());
            m.setLabelPaint(theme.text());
            Color bg = theme.background();
            m.setLabelBackgroundColor(new Color(bg.getRed(), bg.getGreen(), bg.getBlue(), 200));  // readable over the grid, not a grey box
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
            top = Math.max(top, l.y());
        }
        if (top > 0 && !spec.logY()) {
            // keep the datasheet lines in view, with room for their labels
            y.setUpperBound(Math.max(y.getUpperBound(), top * 1.08));
        }
        return chart;
    }

    private static ChartTheme taller(ChartTheme t, int heightPx) {
        return new ChartTheme(t.widthPx(), heightPx, t.title(), t.subtitle(), t.axisLabel(), t.tickLabel(), t.legend(),
                t.palette(), t.background(), t.gridlines(), t.text(), t.lineWidth());
    }

    private static boolean valid(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setSmallestValue(1e-12);
        a.setTickUnit(new NumberTickUnit(1.0));  // one tick a decade
        a.setMinorTickMarksVisible(true);
        a.setMinorTickCount(9);
        a.setNumberFormatOverride(new DecimalFormat("0E0"));
        return a;
    }

    private static void style(XYLineAndShapeRenderer r, int i, Color c, boolean lines, Shape shape, boolean filled) {
        r.setSeriesPaint(i, c);
        r.setSeriesLinesVisible(i, lines);
        r.setSeriesShapesVisible(i, shape != null);
        if (shape != null) {
            r.setSeriesShape(i, shape);
        }
        r.setSeriesShapesFilled(i, filled);
    }

    private static Shape cross() {
        Path2D p = new Path2D.Double();
        p.append(new Line2D.Double(-5, -5, 5, 5), false);
        p.append(new Line2D.Double(-5, 5, 5, -5), false);
        return new BasicStroke(2f).createStrokedShape(p);
    }
}
