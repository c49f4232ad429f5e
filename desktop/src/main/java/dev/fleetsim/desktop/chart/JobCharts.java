package dev.fleetsim.desktop.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.axis.AxisLocation;
import dev.fleetsim.report.TimeScale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where jobs ran: a Gantt chart of GPUs (one row per GPU, jobs as bars coloured by tenant, node
 * boundaries ruled) and a heatmap of how much of each node jobs held over time.
 */
public final class JobCharts {

    /** One bar of the Gantt chart: a job on one GPU row from a time to a time, in the chart's time unit. */
    public record Bar(String jobId, String tenant, int row, double start, double end) {
    }

    private JobCharts() {
    }

    /**
     * @param rowLabels a label per row (the first GPU of each node carries the node's name, the others "")
     * @param nodeStarts rows where a node begins, for the rules between nodes
     * @param tenants in legend and colour order
     * @param highlight a job whose bars get a black outline; null for none
     * @param scale the unit of the bars' times
     */
    public static JFreeChart gantt(String title, String subtitle, List<String> rowLabels, List<Integer> nodeStarts,
                                   List<Bar> bars, List<String> tenants, String highlight, TimeScale scale) {
        Map<String, XYIntervalSeries> byTenant = new LinkedHashMap<>();
        for (String t : tenants) {
            byTenant.put(t, new XYIntervalSeries(t));
        }
        XYPlot plot = new XYPlot();
        for (Bar b : bars) {
            XYIntervalSeries s = byTenant.computeIfAbsent(b.tenant(), XYIntervalSeries::new);
            s.add((b.start() + b.end()) / 2, b.start(), b.end(), b.row(), b.row() - 0.42, b.row() + 0.42);
            if (b.jobId().equals(highlight)) {
                plot.addAnnotation(new XYBoxAnnotation(b.start(), b.row() - 0.5, b.end(), b.row() + 0.5,
                        new BasicStroke(2f), Color.BLACK, null));
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        byTenant.values().forEach(data::addSeries);
        XYBarRenderer r = new XYBarRenderer();
        r.setUseYInterval(true);
        r.setShadowVisible(false);
        r.setBarPainter(new StandardXYBarPainter());
        r.setDrawBarOutline(false);
        for (int i = 0; i < byTenant.size(); i++) {
            r.setSeriesPaint(i, Look.colour(i));
        }
        NumberAxis x = TimeCharts.axis(scale);
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("GPU (node)");
        y.setInverted(true);
        y.setRange(-0.5, Math.max(1, rowLabels.size()) - 0.5);
        y.setTickUnit(new NumberTickUnit(1, labels(rowLabels)));
        y.setMinorTickMarksVisible(false);
        y.setTickMarksVisible(false);
        plot.setDataset(data);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setRenderer(r);
        plot.setRangeGridlinesVisible(false);
        for (int start : nodeStarts) {
            if (start > 0) {
                ValueMarker m = new ValueMarker(start - 0.5, Look.GRID.darker(), new BasicStroke(0.8f));
                plot.addRangeMarker(m);
            }
        }
        return Look.chart(title, subtitle, plot, true);
    }

    /**
     * @param share {@code share[node][bin]} in [0, 1]
     * @param binWidth width of a bin in {@code scale}'s unit
     * @param nodeLabels one per node, shown when there are few enough to read
     */
    public static JFreeChart heatmap(String title, String subtitle, double[][] share, double binWidth, List<String> nodeLabels,
                                     TimeScale scale) {
        int nodes = share.length;
        int bins = nodes == 0 ? 0 : share[0].length;
        if ((long) nodes * bins > IMAGE_CELLS) {
            return imageHeatmap(title, subtitle, share, binWidth, scale);
        }
        double[][] xyz = new double[3][nodes * bins];
        int i = 0;
        for (int n = 0; n < nodes; n++) {
            for (int b = 0; b < bins; b++) {
                xyz[0][i] = (b + 0.5) * binWidth;
                xyz[1][i] = n;
                xyz[2][i] = share[n][b];
                i++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("held share", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(binWidth);
        r.setBlockHeight(1);
        r.setPaintScale(SHARE);
        NumberAxis x = TimeCharts.axis(scale);
        x.setRange(0, Math.max(binWidth, bins * binWidth));
        NumberAxis y = new NumberAxis("node");
        y.setInverted(true);
        y.setRange(-0.5, Math.max(1, nodes) - 0.5);
        if (nodes <= 40) {
            y.setTickUnit(new NumberTickUnit(1, labels(nodeLabels)));
        } else {
            y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return withLegend(Look.chart(title, subtitle, plot, false));
    }

    /** Above this many cells the heatmap is one image (a block per cell costs too much to draw). */
    static final int IMAGE_CELLS = 8000;

    private static final PaintScale SHARE = new PaintScale() {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            return Look.share(value);
        }
    };

    /** A big heatmap as one image of a pixel per cell, stretched over the plot. */
    private static JFreeChart imageHeatmap(String title, String subtitle, double[][] share, double binWidth, TimeScale scale) {
        int nodes = share.length;
        int bins = share[0].length;
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(bins, nodes, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int n = 0; n < nodes; n++) {
            for (int b = 0; b < bins; b++) {
                image.setRGB(b, n, Look.share(share[n][b]).getRGB());
            }
        }
        NumberAxis x = TimeCharts.axis(scale);
        x.setRange(0, bins * binWidth);
        NumberAxis y = new NumberAxis("node");
        y.setInverted(true);
        y.setRange(-0.5, nodes - 0.5);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(new DefaultXYZDataset(), x, y, new XYBlockRenderer());
        plot.addAnnotation(new org.jfree.chart.annotations.XYDataImageAnnotation(image, 0, -0.5, bins * binWidth, nodes, true));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return withLegend(Look.chart(title, subtitle, plot, false));
    }

    private static JFreeChart withLegend(JFreeChart chart) {
        NumberAxis legendAxis = new NumberAxis("share of the node's GPUs held by jobs");
        legendAxis.setRange(0, 1);
        legendAxis.setTickLabelFont(Look.LABEL);
        legendAxis.setLabelFont(Look.LABEL);
        PaintScaleLegend legend = new PaintScaleLegend(SHARE, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setMargin(4, 8, 4, 4);
        chart.addSubtitle(legend);
        return chart;
    }

    /** A number format that writes row {@code i} as {@code labels[i]} (and nothing between rows). */
    static NumberFormat labels(List<String> labels) {
        return new NumberFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
                long i = Math.round(number);
                if (Math.abs(number - i) < 1e-6 && i >= 0 && i < labels.size()) {
                    to.append(labels.get((int) i));
                }
                return to;
            }

            @Override
            public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
                return format((double) number, to, pos);
            }

            @Override
            public Number parse(String source, ParsePosition pos) {
                return null;
            }
        };
    }
}
