package dev.fleetsim.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A calibration fit chart as a user reads it: measured points and the fitted line of one group
 * in one colour, rejected points in red (a colour no group gets), points a log axis cannot show
 * left out rather than failing the chart, the datasheet line in view, and a PNG of the theme's size.
 */
class FitChartsTest {

    private static FitChart spec(boolean logY) {
        return new FitChart("links.png", "links: achieved bandwidth", "bytes", "GB/s", true, logY, List.of(
                new FitChart.Series("nvlink measured", FitChart.Kind.MEASURED, 0, new double[] {8, 65536, 1 << 30}, new double[] {0.004, 30, 380}),
                new FitChart.Series("nvlink rejected", FitChart.Kind.REJECTED, 0, new double[] {1 << 20}, new double[] {120}),
                new FitChart.Series("nvlink profile", FitChart.Kind.FITTED, 0, new double[] {0, 8, 1 << 30}, new double[] {0, 0.004, 384}),
                new FitChart.Series("pcie fitted", FitChart.Kind.FITTED_POINTS, 3, new double[] {8, 1 << 30}, new double[] {0.001, 53})),
                List.of(new FitChart.Line("datasheet NVLink 450", 450)));
    }

    @Test
    void groupsShareAColourAndRedIsForRejectedPointsOnly() {
        JFreeChart chart = FitCharts.chart(FitCharts.THEME, spec(false));
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        Color red = new Color(0xd62728);
        assertEquals(r.getSeriesPaint(0), r.getSeriesPaint(2), "measured and fitted of one group");
        assertEquals(red, r.getSeriesPaint(1));
        assertNotEquals(red, r.getSeriesPaint(3), "group 3 would be the palette's red: skipped");
        assertFalse(r.getSeriesLinesVisible(0));
        assertTrue(r.getSeriesLinesVisible(2));
        assertFalse(r.getSeriesShapesFilled(3), "the fit's values at measured points are hollow");
        // the datasheet line stays in view on a linear axis
        ValueMarker m = (ValueMarker) plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next();
        assertEquals(450, m.getValue());
        assertTrue(plot.getRangeAxis().getUpperBound() >= 450, "upper bound " + plot.getRangeAxis().getUpperBound());
        assertEquals(2, plot.getDataset().getItemCount(2), "x = 0 cannot sit on the log x axis: left out");
    }

    @Test
    void logAxesDropNonPositivePointsAndThePngHasTheThemeSize() throws Exception {
        JFreeChart chart = FitCharts.chart(FitCharts.THEME, spec(true));
        assertTrue(chart.getXYPlot().getRangeAxis() instanceof LogAxis);
        assertEquals(2, chart.getXYPlot().getDataset().getItemCount(2), "(0, 0) and nothing else left out");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FitCharts.png(spec(true)).writeTo(out);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertNotNull(png);
        assertEquals(FitCharts.THEME.widthPx(), png.getWidth());
        assertEquals(FitCharts.THEME.heightPx(), png.getHeight());
    }
}
