package dev.fleetsim.desktop.results;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results screen's charts, one property each (null until built), so each chart pane
 * binds to its own and a rebuilt chart (another Gantt window) replaces one alone.
 */
public final class ResultChartSet {
    private final Map<String, ObjectProperty<JFreeChart>> byName = new LinkedHashMap<>();

    /** The chart names, which are also their export file names' stems. */
    public static final String UTILISATION = "utilisation";
    public static final String QUEUE = "queue";
    public static final String COST = "cost";
    public static final String POWER = "power";
    public static final String GANTT = "gpu-timeline";
    public static final String HEATMAP = "node-heatmap";
    public static final String TOPOLOGY = "topology";
    public static final String WAIT_JCT = "wait-jct-cdf";
    public static final String JCT_TENANT = "jct-by-tenant-cdf";
    public static final String FLEET_COST = "fleet-cost";
    public static final String TENANT_COST = "tenant-cost";

    /** Charts built together off the UI thread. */
    public record Built(Map<String, JFreeChart> charts) {
    }

    ResultChartSet() {
        for (String n : new String[] {UTILISATION, QUEUE, COST, POWER, GANTT, HEATMAP, TOPOLOGY, WAIT_JCT, JCT_TENANT, FLEET_COST,
                TENANT_COST}) {
            byName.put(n, new SimpleObjectProperty<>(this, n));
        }
    }

    public ObjectProperty<JFreeChart> chart(String name) {
        ObjectProperty<JFreeChart> p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no chart " + name);
        }
        return p;
    }

    public ObjectProperty<JFreeChart> gantt() {
        return chart(GANTT);
    }

    public ObjectProperty<JFreeChart> topology() {
        return chart(TOPOLOGY);
    }

    public Iterable<String> names() {
        return byName.keySet();
    }

    void clear() {
        byName.values().forEach(p -> p.set(null));
    }

    void set(Built built) {
        built.charts().forEach((k, v) -> chart(k).set(v));
    }

    static Built build(LoadedRun r, boolean peak) {
        Map<String, JFreeChart> out = new LinkedHashMap<>();
        CostBreakdown cost = CostBreakdown.of(r.result());
        out.put(UTILISATION, ResultCharts.utilisation(r));
        out.put(QUEUE, ResultCharts.queue(r));
        out.put(COST, ResultCharts.cost(r));
        out.put(POWER, ResultCharts.power(r));
        out.put(GANTT, ResultCharts.gantt(r, 0, ResultsViewModel.GANTT_NODES, null));
        out.put(HEATMAP, ResultCharts.heatmap(r));
        out.put(TOPOLOGY, ResultCharts.topology(r, peak));
        out.put(WAIT_JCT, ResultCharts.waitAndJct(r.result()));
        out.put(JCT_TENANT, ResultCharts.jctByTenant(r.result()));
        out.put(FLEET_COST, ResultCharts.fleetCost(cost, r.result()));
        out.put(TENANT_COST, ResultCharts.tenantCost(cost, r.result()));
        return new Built(out);
    }
}
