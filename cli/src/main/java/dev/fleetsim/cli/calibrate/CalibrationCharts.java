package dev.fleetsim.cli.calibrate;

import dev.fleetsim.calibration.report.ChartSpec;
import org.jfree.chart.ChartUtils;
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
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Draws a calibration report's {@link ChartSpec}s with JFreeChart, headless: measured points
 * filled, the fitted curve as a line in the same colour, the fit's value at each measured point
 * hollow, rejected points as red crosses, datasheet peaks as dashed horizontal lines. Kept in
 * one class so that it can move to the shared report module.
 */
final class CalibrationCharts {
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f), new Color(0x393b79)};
    private static final Color REJECTED = new Color(0xd62728);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private CalibrationCharts() {
    }

    /** The chart as PNG bytes. */
    static byte[] png(ChartSpec spec) {
        JFreeChart chart = chart(spec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(ChartSpec spec) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        int i = 0;
        for (ChartSpec.Series s : spec.series()) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int k = 0; k < s.x().length; k++) {
                if (valid(s.x()[k], spec.logX()) && valid(s.y()[k], spec.logY())) {
                    xy.add(s.x()[k], s.y()[k]);
                }
            }
            data.addSeries(xy);
            Color c = PALETTE[Math.floorMod(s.group(), PALETTE.length)];
            switch (s.kind()) {
                case MEASURED -> style(r, i, c, false, true, new Ellipse2D.Double(-3.5, -3.5, 7, 7), true);
                case FITTED -> {
                    style(r, i, c, true, false, null, false);
                    r.setSeriesStroke(i, new BasicStroke(2f));
                }
                case FITTED_POINTS -> style(r, i, c, false, true, new Ellipse2D.Double(-5, -5, 10, 10), false);
                case REJECTED -> style(r, i, REJECTED, false, true, cross(), false);
                default -> throw new IllegalStateException(s.kind().toString());
            }
            i++;
        }
        ValueAxis x = spec.logX() ? logAxis(spec.xLabel()) : new NumberAxis(spec.xLabel());
        ValueAxis y = spec.logY() ? logAxis(spec.yLabel()) : new NumberAxis(spec.yLabel());
        if (y instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(true);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        double top = 0;
        for (ChartSpec.Line l : spec.lines()) {
            ValueMarker m = new ValueMarker(l.y(), new Color(0x444444), new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    1f, new float[] {6f, 4f}, 0f));
            m.setLabel(l.label());
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
            top = Math.max(top, l.y());
        }
        if (top > 0 && !spec.logY()) {
            // keep the datasheet lines in view, with room for their labels
            double dataMax = y.getUpperBound();
            y.setUpperBound(Math.max(dataMax, top * 1.08));
        }
        JFreeChart chart = new JFreeChart(spec.title(), TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
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
        a.setNumberFormatOverride(new java.text.DecimalFormat("0E0"));
        return a;
    }

    private static void style(XYLineAndShapeRenderer r, int i, Color c, boolean lines, boolean shapes, Shape shape, boolean filled) {
        r.setSeriesPaint(i, c);
        r.setSeriesLinesVisible(i, lines);
        r.setSeriesShapesVisible(i, shapes);
        if (shape != null) {
            r.setSeriesShape(i, shape);
        }
        r.setSeriesShapesFilled(i, filled);
        r.setUseOutlinePaint(false);
    }

    private static Shape cross() {
        Path2D p = new Path2D.Double();
        p.append(new Line2D.Double(-5, -5, 5, 5), false);
        p.append(new Line2D.Double(-5, 5, 5, -5), false);
        return new BasicStroke(2f).createStrokedShape(p);
    }
}
