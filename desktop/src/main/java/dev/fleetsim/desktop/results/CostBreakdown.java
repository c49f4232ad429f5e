package dev.fleetsim.desktop.results;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import dev.fleetsim.engine.run.RunResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Where a run's money went, from the run's own figures: the fleet's GPU cost split into the GPUs
 * jobs held and idle capacity (the time series' cumulative cost of held GPUs at the end), energy,
 * and each tenant's jobs (their GPU-hours at price plus their energy, as each job record has it).
 *
 * @param heldGpuUsd empty when the run's time series has no held-GPU cost column
 */
public record CostBreakdown(double gpuUsd, OptionalDouble heldGpuUsd, double energyUsd, double energyKWh,
                            double totalUsd, Map<String, Double> byTenantUsd) {
    static final String HELD = "cumulative_allocated_gpu_cost_usd";

    public static CostBreakdown of(RunResult r) {
        RunSummary.Cost c = r.summary().cost();
        TimeSeriesTable t = r.timeseries();
        OptionalDouble held = OptionalDouble.empty();
        if (t.columns().contains(HELD) && t.rows().length > 0) {
            held = OptionalDouble.of(t.rows()[t.rows().length - 1][t.column(HELD)]);
        }
        Map<String, Double> tenants = new TreeMap<>();
        for (JobRecord j : r.jobs()) {
            tenants.merge(j.tenant(), j.costUsd(), Double::sum);
        }
        return new CostBreakdown(c.gpuCostUsd(), held, c.energyCostUsd(), c.energyKWh(), c.totalCostUsd(), tenants);
    }

    /** Idle capacity: the fleet's GPU cost that no job held. */
    public OptionalDouble idleGpuUsd() {
        return heldGpuUsd.isPresent() ? OptionalDouble.of(Math.max(0, gpuUsd - heldGpuUsd.getAsDouble())) : OptionalDouble.empty();
    }

    /** The fleet's bars: held GPUs, idle capacity, energy (or GPUs and energy without the split). */
    public Map<String, Double> fleetBars() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (heldGpuUsd.isPresent()) {
            out.put("GPUs held by jobs", heldGpuUsd.getAsDouble());
            out.put("idle capacity", idleGpuUsd().getAsDouble());
        } else {
            out.put("GPUs", gpuUsd);
        }
        out.put("energy", energyUsd);
        return out;
    }
}
