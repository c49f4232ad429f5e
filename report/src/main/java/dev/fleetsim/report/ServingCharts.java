package dev.fleetsim.report;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The charts of a run with inference deployments: latency CDFs (TTFT, TPOT, end-to-end; one line
 * per deployment, logarithmic time axis), throughput and replicas over time, KV-cache use and
 * running requests over time, and, when training jobs share the cluster, the trade-off: each
 * deployment's SLO attainment over time beside the waits of the training jobs started then.
 */
public final class ServingCharts {
    public static final String LATENCY_CDF = "latency-cdf.png";
    public static final String THROUGHPUT = "serving-throughput.png";
    public static final String KV = "serving-kv.png";
    public static final String TRADE_OFF = "serving-vs-training.png";
    /** Latencies below this are drawn at it: a log axis has no zero. */
    private static final double FLOOR_S = 1e-4;

    private ServingCharts() {
    }

    /** The serving charts by file name; empty for a run without deployments. */
    public static Map<String, AtomicFiles.Content> forRun(ChartTheme theme, String scenario, List<ServiceResult> services,
                                                          List<JobRecord> jobs, int clusterGpus) {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        if (services.isEmpty()) {
            return out;
        }
        out.put(LATENCY_CDF, theme.png(latencyCdf(theme, scenario, services)));
        out.put(THROUGHPUT, theme.png(throughput(theme, scenario, services)));
        out.put(KV, theme.png(kv(theme, scenario, services)));
        if (jobs.stream().anyMatch(JobRecord::isJob)) {
            out.put(TRADE_OFF, theme.png(tradeOff(theme, scenario, services, jobs, clusterGpus)));
        }
        return out;
    }

    /** TTFT, TPOT and E2E CDFs of every deployment on one log axis: solid E2E, dashed TTFT, dotted TPOT. */
    public static JFreeChart latencyCdf(ChartTheme theme, String scenario, List<ServiceResult> services) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        for (ServiceResult s : services) {
            Color c = theme.colour(i);
            String n = s.summary().name();
            add(data, renderer, cdf(n + " E2E", s.e2eCdf()), c, theme.line());
            add(data, renderer, cdf(n + " TTFT", s.ttftCdf()), c, dashed(theme, 6));
            add(data, renderer, cdf(n + " TPOT", s.tpotCdf()), c, dashed(theme, 2));
            i++;
        }
        LogAxis x = new LogAxis("seconds (log scale)");
        x.setSmallestValue(FLOOR_S);
        // Ticks at whole powers of ten, labelled as plain seconds (0.001, 0.01, ..., 10).
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        NumberAxis y = new NumberAxis("fraction of requests at most x");
        y.setRange(0, 1.0);
        return chart(theme, "Request latency CDFs", scenario + " — E2E solid, TTFT dashed, TPOT dotted", new XYPlot(data, x, y,
                renderer));
    }

    /** Output tokens per second (left) and active replicas (right) over time. */
    public static JFreeChart throughput(ChartTheme theme, String scenario, List<ServiceResult> services) {
        return twoAxes(theme, "Throughput and replicas", scenario + " — output tokens/s (solid), active replicas (dashed)",
                services, "output tokens/s", "output_tokens_per_s", v -> v, "replicas", "replicas_active", v -> v);
    }

    /** KV-cache use (left, % of the cache the active replicas hold) and running requests (right). */
    public static JFreeChart kv(ChartTheme theme, String scenario, List<ServiceResult> services) {
        JFreeChart chart = twoAxes(theme, "KV-cache utilisation", scenario + " — KV blocks in use (solid), running requests (dashed)",
                services, "% of KV cache in use", "kv_used_pct", v -> v, "running requests", "running", v -> v);
        ((NumberAxis) chart.getXYPlot().getRangeAxis(0)).setRange(0, 100);
        return chart;
    }

    /**
     * The trade-off of a shared cluster: each deployment's SLO attainment per interval and the share
     * of the cluster's GPUs its replicas hold (left, %), and the mean wait of the training jobs that
     * started in each of {@value #WAIT_BINS} intervals (right, hours).
     */
    public static JFreeChart tradeOff(ChartTheme theme, String scenario, List<ServiceResult> services,
                                      List<JobRecord> jobs, int clusterGpus) {
        TimeScale scale = scale(services);
        XYSeriesCollection left = new XYSeriesCollection();
        XYLineAndShapeRenderer leftRenderer = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        for (ServiceResult s : services) {
            Color c = theme.colour(i++);
            String n = s.summary().name();
            int gpus = s.summary().tp() * s.summary().pp();
            add(left, leftRenderer, column(n + " SLO attainment", s.series(), scale, "slo_attainment", v -> 100 * v), c,
                    theme.line());
            add(left, leftRenderer, column(n + " share of cluster GPUs", s.series(), scale, "replicas_placed",
                    v -> 100 * v * gpus / Math.max(1, clusterGpus)), c, dashed(theme, 6));
        }
        XYSeries waits = trainingWaits(services.get(0).series(), scale, jobs);
        XYSeriesCollection right = new XYSeriesCollection(waits);
        XYLineAndShapeRenderer rightRenderer = new XYLineAndShapeRenderer(true, true);
        rightRenderer.setDrawSeriesLineAsPath(true);
        rightRenderer.setSeriesPaint(0, theme.text());
        rightRenderer.setSeriesStroke(0, theme.line());
        NumberAxis y = Axes.percent("% (SLO attainment; GPUs held by serving)", 105);
        XYPlot plot = new XYPlot(left, Axes.time("simulated time", scale), y, leftRenderer);
        NumberAxis waitAxis = new NumberAxis("mean wait of training jobs started (h)");
        waitAxis.setAutoRangeIncludesZero(true);
        if (!(waits.getMaxY() > 0)) {
            // No training job waited: an axis from 0 (auto-range would centre a tiny span on 0 and show negative hours).
            waitAxis.setRange(0, 1);
        }
        secondAxis(theme, plot, waitAxis, right, rightRenderer);
        return chart(theme, "Serving SLO attainment vs training wait", scenario
                + " — replicas scaled up for the load take GPUs that training jobs then wait for", plot);
    }

    /** Intervals of the training-wait line. */
    static final int WAIT_BINS = 48;

    /** Mean wait of the training jobs started in each of {@link #WAIT_BINS} intervals over the deployment series' span. */
    private static XYSeries trainingWaits(TimeSeriesTable grid, TimeScale scale, List<JobRecord> jobs) {
        double[][] rows = grid.rows();
        int t = grid.column("time_s");
        double span = rows.length > 1 ? rows[rows.length - 1][t] + (rows[1][t] - rows[0][t]) : 1;
        double width = span / WAIT_BINS;
        double[] sum = new double[WAIT_BINS];
        int[] n = new int[WAIT_BINS];
        for (JobRecord j : jobs) {
            if (!j.isJob() || j.startNs().isEmpty()) {
                continue;
            }
            int b = (int) Math.min(WAIT_BINS - 1, Math.max(0, Math.floor(j.startNs().getAsLong() / 1e9 / width)));
            sum[b] += j.waitNs().getAsLong() / 3.6e12;
            n[b]++;
        }
        XYSeries s = new XYSeries("training wait (right axis)", false, true);
        for (int b = 0; b < WAIT_BINS; b++) {
            if (n[b] > 0) {
                s.add(scale.of((b + 0.5) * width), sum[b] / n[b]);
            }
        }
        return s;
    }

    private static JFreeChart twoAxes(ChartTheme theme, String title, String subtitle, List<ServiceResult> services, String leftLabel,
                                      String leftColumn, Function<Double, Double> leftScale, String rightLabel,
                                      String rightColumn, Function<Double, Double> rightScale) {
        XYSeriesCollection left = new XYSeriesCollection();
        XYSeriesCollection right = new XYSeriesCollection();
        XYLineAndShapeRenderer leftRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer rightRenderer = new XYLineAndShapeRenderer(true, false);
        TimeScale scale = scale(services);
        int i = 0;
        for (ServiceResult s : services) {
            Color c = theme.colour(i++);
            String n = s.summary().name();
            add(left, leftRenderer, column(n + " " + leftLabel, s.series(), scale, leftColumn, leftScale), c, theme.line());
            add(right, rightRenderer, column(n + " " + rightLabel, s.series(), scale, rightColumn, rightScale), c,
                    dashed(theme, 6));
        }
        NumberAxis y = new NumberAxis(leftLabel);
        y.setAutoRangeIncludesZero(true);
        y.setNumberFormatOverride(Axes.numberFormat());
        XYPlot plot = new XYPlot(left, Axes.time("simulated time", scale), y, leftRenderer);
        secondAxis(theme, plot, Axes.count(rightLabel), right, rightRenderer);
        return chart(theme, title, subtitle, plot);
    }

    /** A right-hand axis for {@code data}, styled like the theme styles the left one. */
    private static void secondAxis(ChartTheme theme, XYPlot plot, NumberAxis axis, XYSeriesCollection data,
                                   XYLineAndShapeRenderer renderer) {
        plot.setRangeAxis(1, axis);
        plot.setDataset(1, data);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, renderer);
        style(theme, axis);
    }

    private static void style(ChartTheme theme, Axis axis) {
        axis.setLabelFont(theme.axisLabel());
        axis.setTickLabelFont(theme.tickLabel());
        axis.setLabelPaint(theme.text());
        axis.setTickLabelPaint(theme.text());
    }

    /** The time unit that fits the longest deployment series. */
    private static TimeScale scale(List<ServiceResult> services) {
        double last = 0;
        for (ServiceResult s : services) {
            double[][] rows = s.series().rows();
            if (rows.length > 0) {
                last = Math.max(last, rows[rows.length - 1][s.series().column("time_s")]);
            }
        }
        return TimeScale.forSpan(last);
    }

    private static XYSeries column(String label, TimeSeriesTable t, TimeScale scale, String name,
                                   Function<Double, Double> f) {
        XYSeries s = Charts.series(label);
        int x = t.column("time_s");
        int y = t.column(name);
        for (double[] row : t.rows()) {
            if (!Double.isNaN(row[y])) {
                s.add(scale.of(row[x]), f.apply(row[y]));
            }
        }
        return s;
    }

    private static XYSeries cdf(String label, double[][] points) {
        XYSeries s = Charts.series(label);
        for (double[] p : points) {
            s.add(Math.max(FLOOR_S, p[0]), p[1]);
        }
        return s;
    }

    private static void add(XYSeriesCollection data, XYLineAndShapeRenderer renderer, XYSeries s, Color c,
                            Stroke stroke) {
        // One path per series, so a dash pattern runs on across points instead of restarting at each.
        renderer.setDrawSeriesLineAsPath(true);
        int i = data.getSeriesCount();
        data.addSeries(s);
        renderer.setSeriesPaint(i, c);
        renderer.setSeriesStroke(i, stroke);
    }

    /** A dash pattern the theme has no name for: serving tells three latencies apart by it. */
    private static BasicStroke dashed(ChartTheme theme, float dash) {
        return new BasicStroke(theme.lineWidth(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {dash, 4f}, 0f);
    }

    private static JFreeChart chart(ChartTheme theme, String title, String subtitle, XYPlot plot) {
        return theme.chart(Charts.cut(title), Charts.cut(subtitle), plot, true);
    }
}
