package dev.fleetsim.cli.report;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PNG charts of a run, built by small static factories from the time series and rendered
 * headless. One theme for all of them (colours, fonts, hours on the x axis).
 */
public final class Charts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 480;
    /** Links shown in the links chart. */
    public static final int TOP_LINKS = 20;
    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color ORANGE = new Color(0xff7f0e);
    private static final Color GREEN = new Color(0x2ca02c);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {
    }

    /** The run's charts by file name, ready for the result writer. */
    public static Map<String, AtomicFiles.Content> forRun(String scenario, TimeSeriesTable t, int totalGpus) {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        out.put("utilisation.png", png(utilisation(scenario, t, totalGpus)));
        out.put("queue.png", png(queue(scenario, t)));
        out.put("cost.png", png(cost(scenario, t)));
        return out;
    }

    public static JFreeChart utilisation(String scenario, TimeSeriesTable t, int totalGpus) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(t, "allocated GPUs", "allocated_gpus"));
        data.addSeries(series(t, "busy GPUs (computing)", "busy_gpus"));
        JFreeChart chart = lines("GPU utilisation", scenario + " — " + totalGpus + " GPUs in the cluster", "GPUs", data,
                List.of(BLUE, GREEN));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, Math.max(1, totalGpus) * 1.05);
        return chart;
    }

    public static JFreeChart queue(String scenario, TimeSeriesTable t) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(t, "queued jobs", "queue_length"));
        data.addSeries(series(t, "running jobs", "running_jobs"));
        return lines("Queue length", scenario + " — time-weighted averages per interval", "jobs", data,
                List.of(ORANGE, BLUE));
    }

    public static JFreeChart cost(String scenario, TimeSeriesTable t) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(t, "fleet: every GPU's price + energy", "cumulative_cost_usd"));
        data.addSeries(series(t, "GPUs held by jobs (allocated GPU-hours x price)", "cumulative_allocated_gpu_cost_usd"));
        return lines("Cumulative cost", scenario + " — the gap between the lines is idle capacity", "USD", data,
                List.of(GREEN, BLUE));
    }

    private static XYSeries series(TimeSeriesTable t, String label, String column) {
        XYSeries s = new XYSeries(label, false, true);
        int x = t.column("time_s");
        int y = t.column(column);
        for (double[] row : t.rows()) {
            s.add(row[x] / 3600.0, row[y]);
        }
        return s;
    }

    private static JFreeChart lines(String title, String subtitle, String yLabel, XYSeriesCollection data, List<Color> colours) {
        NumberAxis xAxis = new NumberAxis("simulated time (h)");
        xAxis.setAutoRangeIncludesZero(true);
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < colours.size(); i++) {
            renderer.setSeriesPaint(i, colours.get(i));
            renderer.setSeriesStroke(i, new BasicStroke(1.8f));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        return chart;
    }

    /**
     * The most loaded network links: mean utilisation over the run (bars) and the peak at any
     * instant, for the {@link #TOP_LINKS} links with the highest mean, most loaded first.
     */
    public static JFreeChart links(String scenario, List<LinkRecord> links) {
        List<LinkRecord> top = new ArrayList<>(links);
        top.sort(Comparator.comparingDouble(LinkRecord::meanUtilisation).reversed().thenComparingInt(LinkRecord::link));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LinkRecord l : top.subList(0, Math.min(TOP_LINKS, top.size()))) {
            String label = l.name() + " (" + l.link() + ")";
            data.addValue(100 * l.meanUtilisation(), "mean utilisation", label);
            data.addValue(100 * l.peakUtilisation(), "peak utilisation", label);
        }
        CategoryAxis axis = new CategoryAxis("link");
        NumberAxis value = new NumberAxis("% of effective capacity");
        value.setRange(0, 105);
        BarRenderer renderer = new BarRenderer();
        renderer.setSeriesPaint(0, BLUE);
        renderer.setSeriesPaint(1, ORANGE);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(data, axis, value, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart("Most loaded links", TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(scenario + " — " + links.size() + " links carried traffic; average-demand loads",
                SUBTITLE));
        return chart;
    }

    public static AtomicFiles.Content png(JFreeChart chart) {
        return out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }
}
