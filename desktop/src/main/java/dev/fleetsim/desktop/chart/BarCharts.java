package dev.fleetsim.desktop.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/** Horizontal bars of named amounts with their values written beside them (cost breakdowns). */
public final class BarCharts {
    private BarCharts() {
    }

    /** One bar per entry, in the map's order; {@code colour} indexes the palette. */
    public static JFreeChart bars(String title, String subtitle, String valueLabel, Map<String, Double> values, int colour) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((k, v) -> data.addValue(v, valueLabel, k));
        CategoryAxis axis = new CategoryAxis();
        axis.setMaximumCategoryLabelWidthRatio(0.35f);
        NumberAxis value = new NumberAxis(valueLabel);
        value.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        value.setUpperMargin(0.15);
        BarRenderer r = new BarRenderer();
        r.setSeriesPaint(0, Look.colour(colour));
        r.setShadowVisible(false);
        r.setBarPainter(new StandardBarPainter());
        r.setMaximumBarWidth(0.12);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("$#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        r.setDefaultItemLabelsVisible(true);
        // beside the bar's end: centred over a short bar, the label ran into the category axis
        r.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
        r.setItemLabelAnchorOffset(4);
        r.setDefaultItemLabelFont(Look.LABEL);
        CategoryPlot plot = new CategoryPlot(data, axis, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return Look.chart(title, subtitle, plot, false);
    }
}
