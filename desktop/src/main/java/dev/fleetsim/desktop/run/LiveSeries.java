package dev.fleetsim.desktop.run;

import dev.fleetsim.engine.observe.LinkLoad;
import dev.fleetsim.engine.observe.SimulationSample;
import dev.fleetsim.report.TimeScale;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.List;

/**
 * The live charts' data: allocated and busy GPUs, queued and running jobs, power and cumulative
 * cost, as the samples come. Simulated time on x is in the unit of the span so far (the report's
 * {@link TimeScale}: seconds, minutes, hours, days), the points rescaled when the span outgrows
 * it and the unit shown in {@link #scale()}; the run's own series at the end in the unit of its
 * whole span, as its results' charts. A batch fires one change per series
 * (the plots re-read their ranges; the charts hold their redraws) and one {@link #version()}
 * change, on which a chart redraws once; a series past {@link #MAX_POINTS} keeps every other
 * point, so a long run's chart stays cheap to draw.
 */
public final class LiveSeries {
    static final int MAX_POINTS = 800;

    final XYSeries allocated = new XYSeries("allocated GPUs", false, true);
    final XYSeries busy = new XYSeries("busy GPUs (computing)", false, true);
    final XYSeries queued = new XYSeries("queued", false, true);
    final XYSeries running = new XYSeries("running", false, true);
    final XYSeries power = new XYSeries("power (kW)", false, true);
    final XYSeries cost = new XYSeries("fleet cost so far", false, true);
    private final XYSeriesCollection gpus = collection(allocated, busy);
    private final XYSeriesCollection jobs = collection(queued, running);
    private final XYSeriesCollection powerData = collection(power);
    private final XYSeriesCollection costData = collection(cost);
    private final javafx.beans.property.IntegerProperty version = new javafx.beans.property.SimpleIntegerProperty(this, "version");
    private final javafx.beans.property.ObjectProperty<TimeScale> scale =
            new javafx.beans.property.SimpleObjectProperty<>(this, "scale", TimeScale.SECONDS);
    private String busiestLink = "";

    /** The unit of the x values (and of the charts' time axes): the report's for the span drawn. */
    public javafx.beans.property.ReadOnlyObjectProperty<TimeScale> scale() {
        return scale;
    }

    /**
     * Changes once per batch. The series change quietly (no event per point); a chart that shows
     * them listens to this and redraws once per batch, however many points and series changed.
     */
    public javafx.beans.property.ReadOnlyIntegerProperty version() {
        return version;
    }

    public XYSeriesCollection gpus() {
        return gpus;
    }

    public XYSeriesCollection jobs() {
        return jobs;
    }

    public XYSeriesCollection power() {
        return powerData;
    }

    public XYSeriesCollection cost() {
        return costData;
    }

    /** The most loaded link of the last sample, {@code leaf0->spine0 at 87 %}; empty without the flow network. */
    public String busiestLink() {
        return busiestLink;
    }

    public int points() {
        return allocated.getItemCount();
    }

    public void clear() {
        for (XYSeries s : all()) {
            s.clear();
        }
        busiestLink = "";
        scale.set(TimeScale.SECONDS);
        version.set(version.get() + 1);
    }

    /** Adds a batch of samples; call on the UI thread (the charts listen to these series). */
    public void add(List<SimulationSample> batch) {
        if (batch.isEmpty()) {
            return;
        }
        TimeScale unit = TimeScale.forSpan(batch.get(batch.size() - 1).timeNs() / 1e9);
        if (unit.seconds() > scale.get().seconds()) {
            rescale(scale.get(), unit);
        }
        double perUnit = scale.get().seconds() * 1e9;
        for (SimulationSample s : batch) {
            double h = s.timeNs() / perUnit;
            allocated.add(h, s.allocatedGpus(), false);
            busy.add(h, s.busyGpus(), false);
            queued.add(h, s.queuedJobs(), false);
            running.add(h, s.runningJobs(), false);
            power.add(h, s.powerKw(), false);
            cost.add(h, s.cumulativeCostUsd(), false);
        }
        SimulationSample last = batch.get(batch.size() - 1);
        LinkLoad top = null;
        for (LinkLoad l : last.links()) {
            if (top == null || l.utilisation() > top.utilisation()) {
                top = l;
            }
        }
        busiestLink = top == null ? "" : String.format(java.util.Locale.ROOT, "%s at %.0f %%", top.name(), 100 * top.utilisation());
        for (XYSeries s : all()) {
            if (s.getItemCount() > MAX_POINTS) {
                thin(s);
            }
            // the plot re-reads its axis ranges on this event; the chart's redraw waits for version()
            s.fireSeriesChanged();
        }
        version.set(version.get() + 1);
    }

    /**
     * Replaces the live points by the run's own time series once it has ended: the engine's
     * resampled record of the whole run, not the samples the wall-clock limit let through.
     */
    public void replaceWith(dev.fleetsim.engine.metrics.TimeSeriesTable t) {
        int x = t.column("time_s");
        // the unit of the run's whole span, as RunCharts draws the results' series
        scale.set(TimeScale.forSpan(t.rows().length == 0 ? 0 : t.rows()[t.rows().length - 1][x]));
        double perUnit = scale.get().seconds();
        String[] columns = {"allocated_gpus", "busy_gpus", "queue_length", "running_jobs", "power_kw", "cumulative_cost_usd"};
        XYSeries[] series = all();
        for (int k = 0; k < series.length; k++) {
            int y = t.column(columns[k]);
            series[k].clear();
            for (double[] row : t.rows()) {
                series[k].add(row[x] / perUnit, row[y], false);
            }
            series[k].fireSeriesChanged();
        }
        version.set(version.get() + 1);
    }

    /** The points so far in a larger unit (at most three times a run: to minutes, hours, days). */
    private void rescale(TimeScale from, TimeScale to) {
        double f = from.seconds() / to.seconds();
        for (XYSeries s : all()) {
            int n = s.getItemCount();
            double[][] points = new double[2][n];
            for (int i = 0; i < n; i++) {
                points[0][i] = s.getX(i).doubleValue() * f;
                points[1][i] = s.getY(i).doubleValue();
            }
            s.clear();
            for (int i = 0; i < n; i++) {
                s.add(points[0][i], points[1][i], false);
            }
        }
        scale.set(to);
    }

    /** Keeps every other point, and always the last. */
    private static void thin(XYSeries s) {
        int n = s.getItemCount();
        double[][] keep = new double[2][(n + 1) / 2 + 1];
        int k = 0;
        for (int i = 0; i < n; i += 2) {
            keep[0][k] = s.getX(i).doubleValue();
            keep[1][k++] = s.getY(i).doubleValue();
        }
        if ((n - 1) % 2 != 0) {
            keep[0][k] = s.getX(n - 1).doubleValue();
            keep[1][k++] = s.getY(n - 1).doubleValue();
        }
        s.clear();
        for (int i = 0; i < k; i++) {
            s.add(keep[0][i], keep[1][i], false);
        }
    }

    private XYSeries[] all() {
        return new XYSeries[] {allocated, busy, queued, running, power, cost};
    }

    private static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries s : series) {
            c.addSeries(s);
        }
        return c;
    }
}
