package dev.fleetsim.report;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of one run, from its time series and link records: GPUs allocated and computing,
 * queue and running jobs, cumulative cost, and the most loaded links. Time axes are in the unit
 * that fits the run's length; GPU and job axes tick at whole numbers.
 */
public final class RunCharts {
    /** Links shown in the links chart. */
    public static final int TOP_LINKS = 20;
    public static final String UTILISATION = "utilisation.png";
    public static final String QUEUE = "queue.png";
    public static final String COST = "cost.png";
    public static final String LINKS = "links.png";

    private RunCharts() {
    }

    /** The time-series charts by file name, ready for the result writer. */
    public static Map<String, AtomicFiles.Content> forRun(ChartTheme theme, String scenario, TimeSeriesTable t,
                                                         int totalGpus) {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        out.put(UTILISATION, theme.png(utilisation(theme, scenario, t, totalGpus)));
        out.put(QUEUE, theme.png(queue(theme, scenario, t)));
        out.put(COST, theme.png(cost(theme, scenario, t)));
        return out;
    }

    public static JFreeChart utilisation(ChartTheme theme, String scenario, TimeSeriesTable t, int totalGpus) {
        TimeScale scale = scale(t);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(t, scale, "allocated GPUs", "allocated_gpus"));
        data.addSeries(series(t, scale, "busy GPUs (computing)", "busy_gpus"));
        NumberAxis gpus = Axes.count("GPUs");
        gpus.setRange(0, Math.max(1, totalGpus) * 1.05);
        return Charts.lines(theme, "GPU utilisation", scenario + " — " + totalGpus + " GPUs in the cluster",
                Axes.time("simulated time", scale), gpus, data);
    }

    public static JFreeChart queue(ChartTheme theme, String scenario, TimeSeriesTable t) {
        TimeScale scale = scale(t);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(t, scale, "queued jobs", "queue_length"));
        data.addSeries(series(t, scale, "running jobs", "running_jobs"));
        NumberAxis jobs = Axes.count("jobs");
        // An empty queue all run long would leave a zero-length axis.
        jobs.setAutoRangeMinimumSize(2);
        return Charts.lines(theme, "Queue length", scenario + " — time-weighted averages per interval",
                Axes.time("simulated time", scale), jobs, data);
    }

    public static JFreeChart cost(ChartTheme theme, String scenario, TimeSeriesTable t) {
        TimeScale scale = scale(t);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(t, scale, "fleet: every node group at its purchase terms", "cumulative_cost_usd"));
        data.addSeries(series(t, scale, "GPUs held by jobs (their rent or capital by the hour)",
                "cumulative_allocated_gpu_cost_usd"));
        return Charts.lines(theme, "Cumulative cost", scenario + " — the gap between the lines is idle capacity",
                Axes.time("simulated time", scale), Axes.usd("USD"), data);
    }

    /**
     * The most loaded network links: mean utilisation over the run (bars) and the peak at any
     * instant, for the {@link #TOP_LINKS} links with the highest mean, most loaded first, each
     * named by what it connects ({@code node 12 NIC 3 → leaf 1}).
     */
    public static JFreeChart links(ChartTheme theme, String scenario, List<LinkRecord> links) {
        List<LinkRecord> top = new ArrayList<>(links);
        top.sort(Comparator.comparingDouble(LinkRecord::meanUtilisation).reversed().thenComparingInt(LinkRecord::link));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LinkRecord l : top.subList(0, Math.min(TOP_LINKS, top.size()))) {
            String label = l.label().replace(" -> ", " → ");
            data.addValue(100 * l.meanUtilisation(), "mean utilisation", label);
            data.addValue(100 * l.peakUtilisation(), "peak utilisation", label);
        }
        String shown = links.size() > TOP_LINKS ? "the " + TOP_LINKS + " most loaded of " + links.size() : "all " + links.size();
        return Charts.horizontalBars(theme, "Most loaded links", scenario + " — " + shown
                        + " links that carried traffic; average-demand loads", "link",
                Axes.percent("% of effective capacity", 105), data);
    }

    /** The unit that fits the series' time span. */
    static TimeScale scale(TimeSeriesTable t) {
        int x = t.column("time_s");
        double last = t.rows().length == 0 ? 0 : t.rows()[t.rows().length - 1][x];
        return TimeScale.forSpan(last);
    }

    private static XYSeries series(TimeSeriesTable t, TimeScale scale, String label, String column) {
        XYSeries s = Charts.series(label);
        int x = t.column("time_s");
        int y = t.column(column);
        for (double[] row : t.rows()) {
            s.add(scale.of(row[x]), row[y]);
        }
        return s;
    }
}
