package dev.fleetsim.cli.report;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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
    private static final List<Color> COLOURS = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f));
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Latencies below this are drawn at it: a log axis has no zero. */
    private static final double FLOOR_S = 1e-4;

    private ServingCharts() {
    }

    /** The serving charts by file name; empty for a run without deployments. */
    public static Map<String, AtomicFiles.Content> forRun(String scenario, List<ServiceResult> services, List<JobRecord> jobs,
                                                          int clusterGpus) {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        if (services.isEmpty()) {
            return out;
        }
        out.put("latency-cdf.png", png(latencyCdf(scenario, services)));
        out.put("serving-throughput.png", png(throughput(scenario, services)));
        out.put("serving-kv.png", png(kv(scenario, services)));
        if (jobs.stream().anyMatch(j -> j.kind().equals("training"))) {
            out.put("serving-vs-training.png", png(tradeOff(scenario, services, jobs, clusterGpus)));
        }
        return out;
    }

    /** TTFT, TPOT and E2E CDFs of every deployment on one log axis: solid E2E, dashed TTFT, dotted TPOT. */
    public static JFreeChart latencyCdf(String scenario, List<ServiceResult> services) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        for (ServiceResult s : services) {
            Color c = COLOURS.get(i % COLOURS.size());
            String n = s.summary().name();
            add(data, renderer, cdf(n + " E2E", s.e2eCdf()), c, new BasicStroke(2f));
            add(data, renderer, cdf(n + " TTFT", s.ttftCdf()), c, dashed(6));
            add(data, renderer, cdf(n + " TPOT", s.tpotCdf()), c, dashed(2));
            i++;
        }
        LogAxis x = new LogAxis("seconds (log scale)");
        x.setSmallestValue(FLOOR_S);
        // Ticks at whole powers of ten, labelled as plain seconds (0.001, 0.01, ..., 10).
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        NumberAxis y = new NumberAxis("fraction of requests at most x");
        y.setRange(0, 1.0);
        return chart("Request latency CDFs", scenario + " — E2E solid, TTFT dashed, TPOT dotted", new XYPlot(data, x, y,
                renderer));
    }

    /** Output tokens per second (left) and active replicas (right) over time. */
    public static JFreeChart throughput(String scenario, List<ServiceResult> services) {
        return twoAxes("Throughput and replicas", scenario + " — output tokens/s (solid), active replicas (dashed)",
                services, "output tokens/s", "output_tokens_per_s", v -> v, "replicas", "replicas_active", v -> v);
    }

    /** KV-cache use (left, % of the cache the active replicas hold) and running requests (right). */
    public static JFreeChart kv(String scenario, List<ServiceResult> services) {
        JFreeChart chart = twoAxes("KV-cache utilisation", scenario + " — KV blocks in use (solid), running requests (dashed)",
                services, "% of KV cache in use", "kv_used_pct", v -> v, "running requests", "running", v -> v);
        ((NumberAxis) chart.getXYPlot().getRangeAxis(0)).setRange(0, 100);
        return chart;
    }

    /**
     * The trade-off of a shared cluster: each deployment's SLO attainment per interval and the share
     * of the cluster's GPUs its replicas hold (left, %), and the mean wait of the training jobs that
     * started in each of {@value #WAIT_BINS} intervals (right, hours).
     */
    public static JFreeChart tradeOff(String scenario, List<ServiceResult> services, List<JobRecord> jobs,
                                      int clusterGpus) {
        XYSeriesCollection left = new XYSeriesCollection();
        XYLineAndShapeRenderer leftRenderer = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        for (ServiceResult s : services) {
            Color c = COLOURS.get(i++ % COLOURS.size());
            String n = s.summary().name();
            int gpus = s.summary().tp() * s.summary().pp();
            add(left, leftRenderer, column(n + " SLO attainment", s.series(), "slo_attainment", v -> 100 * v), c,
                    new BasicStroke(2f));
            add(left, leftRenderer, column(n + " share of cluster GPUs", s.series(), "replicas_placed",
                    v -> 100 * v * gpus / Math.max(1, clusterGpus)), c, dashed(6));
        }
        XYSeries waits = trainingWaits(services.get(0).series(), jobs);
        XYSeriesCollection right = new XYSeriesCollection(waits);
        XYLineAndShapeRenderer rightRenderer = new XYLineAndShapeRenderer(true, true);
        rightRenderer.setDrawSeriesLineAsPath(true);
        rightRenderer.setSeriesPaint(0, new Color(0x444444));
        rightRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
        NumberAxis x = new NumberAxis("simulated time (h)");
        NumberAxis y = new NumberAxis("% (SLO attainment; GPUs held by serving)");
        y.setRange(0, 105);
        XYPlot plot = new XYPlot(left, x, y, leftRenderer);
        NumberAxis waitAxis = new NumberAxis("mean wait of training jobs started (h)");
        waitAxis.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, waitAxis);
        plot.setDataset(1, right);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, rightRenderer);
        return chart("Serving SLO attainment vs training wait", scenario
                + " — replicas scaled up for the load take GPUs that training jobs then wait for", plot);
    }

    /** Intervals of the training-wait line. */
    static final int WAIT_BINS = 48;

    /** Mean wait of the training jobs started in each of {@link #WAIT_BINS} intervals over the deployment series' span. */
    private static XYSeries trainingWaits(TimeSeriesTable grid, List<JobRecord> jobs) {
        double[][] rows = grid.rows();
        int t = grid.column("time_s");
        double span = rows.length > 1 ? rows[rows.length - 1][t] + (rows[1][t] - rows[0][t]) : 1;
        double width = span / WAIT_BINS;
        double[] sum = new double[WAIT_BINS];
        int[] n = new int[WAIT_BINS];
        for (JobRecord j : jobs) {
            if (!j.kind().equals("training") || j.startNs().isEmpty()) {
                continue;
            }
            int b = (int) Math.min(WAIT_BINS - 1, Math.max(0, Math.floor(j.startNs().getAsLong() / 1e9 / width)));
            sum[b] += j.waitNs().getAsLong() / 3.6e12;
            n[b]++;
        }
        XYSeries s = new XYSeries("training wait (right axis)", false, true);
        for (int b = 0; b < WAIT_BINS; b++) {
            if (n[b] > 0) {
                s.add((b + 0.5) * width / 3600, sum[b] / n[b]);
            }
        }
        return s;
    }

    private static JFreeChart twoAxes(String title, String subtitle, List<ServiceResult> services, String leftLabel,
                                      String leftColumn, Function<Double, Double> leftScale, String rightLabel,
                                      String rightColumn, Function<Double, Double> rightScale) {
        XYSeriesCollection left = new XYSeriesCollection();
        XYSeriesCollection right = new XYSeriesCollection();
        XYLineAndShapeRenderer leftRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer rightRenderer = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        for (ServiceResult s : services) {
            Color c = COLOURS.get(i++ % COLOURS.size());
            String n = s.summary().name();
            add(left, leftRenderer, column(n + " " + leftLabel, s.series(), leftColumn, leftScale), c, new BasicStroke(2f));
            add(right, rightRenderer, column(n + " " + rightLabel, s.series(), rightColumn, rightScale), c, dashed(6));
        }
        NumberAxis x = new NumberAxis("simulated time (h)");
        NumberAxis y = new NumberAxis(leftLabel);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(left, x, y, leftRenderer);
        NumberAxis y2 = new NumberAxis(rightLabel);
        y2.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, y2);
        plot.setDataset(1, right);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, rightRenderer);
        return chart(title, subtitle, plot);
    }

    private static XYSeries column(String label, TimeSeriesTable t, String name, Function<Double, Double> scale) {
        XYSeries s = new XYSeries(label, false, true);
        int x = t.column("time_s");
        int y = t.column(name);
        for (double[] row : t.rows()) {
            if (!Double.isNaN(row[y])) {
                s.add(row[x] / 3600.0, scale.apply(row[y]));
            }
        }
        return s;
    }

    private static XYSeries cdf(String label, double[][] points) {
        XYSeries s = new XYSeries(label, false, true);
        for (double[] p : points) {
            s.add(Math.max(FLOOR_S, p[0]), p[1]);
        }
        return s;
    }

    private static void add(XYSeriesCollection data, XYLineAndShapeRenderer renderer, XYSeries s, Color c,
                            BasicStroke stroke) {
        // One path per series, so a dash pattern runs on across points instead of restarting at each.
        renderer.setDrawSeriesLineAsPath(true);
        int i = data.getSeriesCount();
        data.addSeries(s);
        renderer.setSeriesPaint(i, c);
        renderer.setSeriesStroke(i, stroke);
    }

    private static BasicStroke dashed(float dash) {
        return new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {dash, 4f}, 0f);
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        return chart;
    }

    private static AtomicFiles.Content png(JFreeChart chart) {
        return out -> ChartUtils.writeChartAsPNG(out, chart, Charts.WIDTH, Charts.HEIGHT);
    }
}
