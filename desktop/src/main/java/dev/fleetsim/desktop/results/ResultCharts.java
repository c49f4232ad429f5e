package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.chart.BarCharts;
import dev.fleetsim.desktop.chart.Look;
import dev.fleetsim.desktop.chart.JobCharts;
import dev.fleetsim.desktop.chart.NetworkChart;
import dev.fleetsim.desktop.chart.TimeCharts;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.report.Axes;
import dev.fleetsim.report.Charts;
import dev.fleetsim.report.CompareCharts;
import dev.fleetsim.report.RunCharts;
import dev.fleetsim.report.TimeScale;
import org.jfree.chart.JFreeChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The charts of a run's results, built from its records off the UI thread: time series,
 * Gantt of a window of nodes, node heatmap, topology with link loads, wait and JCT CDFs, cost.
 * Nothing here computes a figure of the run: the charts draw the records as they are.
 */
public final class ResultCharts {
    /** Bins of the heatmap over the run's span. */
    static final int HEATMAP_BINS = 200;

    private ResultCharts() {
    }

    /** The time unit of a run's charts: the report's for its span, as RunCharts draws the folder's. */
    static TimeScale scale(LoadedRun run) {
        return TimeScale.forSpan(run.endNs() / 1e9);
    }

    public static List<String> tenants(RunResult r) {
        return List.copyOf(new TreeSet<>(r.jobs().stream().map(JobRecord::tenant).toList()));
    }

    /** GPUs allocated and computing: the chart of the results folder's {@code utilisation.png}. */
    public static JFreeChart utilisation(LoadedRun run) {
        return RunCharts.utilisation(Look.THEME, name(run), run.result().timeseries(), run.result().summary().gpus());
    }

    /** Queued and running jobs: {@code queue.png}. */
    public static JFreeChart queue(LoadedRun run) {
        return RunCharts.queue(Look.THEME, name(run), run.result().timeseries());
    }

    /** The fleet's and the held GPUs' cumulative cost: {@code cost.png}. */
    public static JFreeChart cost(LoadedRun run) {
        return RunCharts.cost(Look.THEME, name(run), run.result().timeseries());
    }

    /** Facility power over the run (the results folder has no chart of it, its time series has the column). */
    public static JFreeChart power(LoadedRun run) {
        TimeSeriesTable t = run.result().timeseries();
        TimeScale scale = scale(run);
        org.jfree.data.xy.XYSeries s = Charts.series("facility power");
        int x = t.column("time_s");
        int y = t.column("power_kw");
        for (double[] row : t.rows()) {
            s.add(scale.of(row[x]), row[y], false);
        }
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection(s);
        org.jfree.chart.axis.NumberAxis kw = Axes.number("kW");
        kw.setAutoRangeIncludesZero(true);
        return Charts.lines(Look.THEME, "Facility power", name(run) + " — GPUs, hosts and cooling (PUE), time-weighted per interval",
                Axes.time("simulated time", scale), kw, data);
    }

    /** The GPUs of nodes {@code [from, from + count)} as rows, each job's segments as bars. */
    public static JFreeChart gantt(LoadedRun run, int from, int count, String highlight) {
        GpuIndex gpus = run.gpus();
        int to = Math.min(gpus.nodes(), from + count);
        int firstGpu = from < gpus.nodes() ? gpus.first(from) : 0;
        int lastGpu = to > 0 ? gpus.first(to - 1) + gpus.count(to - 1) : 0;
        List<String> rows = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int n = from; n < to; n++) {
            starts.add(rows.size());
            for (int g = 0; g < gpus.count(n); g++) {
                rows.add(g == 0 ? "n" + n : "");
            }
        }
        TimeScale scale = scale(run);
        double perUnit = scale.seconds() * 1e9;
        List<JobCharts.Bar> bars = new ArrayList<>();
        for (Segment s : run.segments()) {
            if (s.gpusIn(firstGpu, lastGpu) == 0) {
                continue;
            }
            for (int g : s.gpus()) {
                if (g >= firstGpu && g < lastGpu) {
                    bars.add(new JobCharts.Bar(s.jobId(), s.tenant(), g - firstGpu, s.startNs() / perUnit, s.endNs() / perUnit));
                }
            }
        }
        String what = "nodes " + from + "–" + (to - 1) + " of " + gpus.nodes() + ", coloured by tenant"
                + (run.exactSegments() ? "" : "; from the files: each job from its first start on its last placement");
        return JobCharts.gantt("GPU timeline", name(run) + " — " + what, rows, starts, bars, tenants(run.result()), highlight,
                scale);
    }

    public static JFreeChart heatmap(LoadedRun run) {
        GpuIndex gpus = run.gpus();
        NodeUsage usage = NodeUsage.of(run.segments(), gpus, run.endNs(), HEATMAP_BINS);
        List<String> labels = new ArrayList<>();
        for (int n = 0; n < gpus.nodes(); n++) {
            labels.add("n" + n);
        }
        return JobCharts.heatmap("Node utilisation", name(run) + " — share of each node's GPUs held by jobs, "
                + Formats.durationNs(Math.round(usage.binNs())) + " bins", usage.share(), usage.binNs() / 1e9 / scale(run).seconds(),
                labels, scale(run));
    }

    /** The topology with each link's mean (or peak) utilisation over the run. */
    public static JFreeChart topology(LoadedRun run, boolean peak) {
        List<LinkRecord> links = run.result().links();
        double[] u = new double[links.stream().mapToInt(LinkRecord::link).max().orElse(-1) + 1];
        for (LinkRecord l : links) {
            u[l.link()] = peak ? l.peakUtilisation() : l.meanUtilisation();
        }
        String sub = links.isEmpty() ? "no link carried traffic (analytic network model, or no multi-GPU traffic)"
                : links.size() + " links carried traffic; colour: " + (peak ? "peak" : "mean") + " utilisation of the busiest link";
        return NetworkChart.topology("Topology and link load", name(run) + " — " + sub, run.network(), u);
    }

    /** Wait before the first start and completion time of the run's jobs (serving replicas are no jobs), on the report's duration axis. */
    public static JFreeChart waitAndJct(RunResult r) {
        List<JobRecord> jobs = r.jobs().stream().filter(JobRecord::isJob).toList();
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("wait", jobs.stream().filter(j -> j.waitNs().isPresent()).mapToDouble(j -> j.waitNs().getAsLong() / 1e9).toArray());
        samples.put("queueing (preemptions too)", jobs.stream().filter(j -> j.queueingNs().isPresent())
                .mapToDouble(j -> j.queueingNs().getAsLong() / 1e9).toArray());
        samples.put("JCT", jobs.stream().filter(j -> j.jctNs().isPresent()).mapToDouble(j -> j.jctNs().getAsLong() / 1e9).toArray());
        return CompareCharts.cdf(Look.THEME, "Wait, queueing and completion time (CDF)", "time", r.summary().scenario()
                + " — " + jobs.size() + " jobs", samples);
    }

    public static JFreeChart jctByTenant(RunResult r) {
        Map<String, List<Double>> by = new TreeMap<>();
        for (JobRecord j : r.jobs()) {
            if (j.isJob()) {
                j.jctNs().ifPresent(c -> by.computeIfAbsent(j.tenant(), k -> new ArrayList<>()).add(c / 1e9));
            }
        }
        Map<String, double[]> samples = new LinkedHashMap<>();
        by.forEach((k, v) -> samples.put(k + " (" + v.size() + ")", v.stream().mapToDouble(Double::doubleValue).toArray()));
        return CompareCharts.cdf(Look.THEME, "Completion time by tenant (CDF)", "JCT", r.summary().scenario() + " — finished jobs",
                samples);
    }

    public static JFreeChart fleetCost(CostBreakdown c, RunResult r) {
        return BarCharts.bars("Fleet cost", r.summary().scenario() + " — total " + Formats.usd(c.totalUsd()) + "; energy "
                + Formats.number(c.energyKWh(), 0) + " kWh with PUE", "USD", c.fleetBars(), 0);
    }

    public static JFreeChart tenantCost(CostBreakdown c, RunResult r) {
        return BarCharts.bars("Cost by tenant", r.summary().scenario()
                + " — each job's GPU-hours at its GPU type's price plus its energy", "USD", c.byTenantUsd(), 1);
    }

    private static String name(LoadedRun run) {
        return run.result().summary().scenario();
    }
}
