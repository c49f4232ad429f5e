package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.table.Column;
import dev.fleetsim.engine.metrics.JobRecord;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The job table's columns: every figure of a job's record, shown for people (durations in
 * the engine's units) and exported as plain numbers (seconds, USD, kWh) like {@code jobs.csv}.
 * Jobs that never started or ended sort after the ones that did.
 */
public final class JobColumns {
    private JobColumns() {
    }

    public static final List<Column<JobRecord>> ALL = List.of(
            Column.text("job", "id", JobRecord::id),
            Column.text("tenant", "tenant", JobRecord::tenant),
            Column.text("state", "state", JobRecord::state),
            Column.number("GPUs", "gpus", j -> (double) j.gpus(), j -> Integer.toString(j.gpus()), j -> Integer.toString(j.gpus())),
            Column.text("GPU type", "gpu_type", JobRecord::gpuType),
            time("submit", "submit_s", j -> OptionalLong.of(j.submitNs())),
            time("start", "start_s", JobRecord::startNs),
            time("end", "end_s", JobRecord::endNs),
            time("wait", "wait_s", JobRecord::waitNs),
            time("JCT", "jct_s", JobRecord::jctNs),
            Column.number("slowdown", "slowdown", j -> j.slowdown().orElse(Double.MAX_VALUE),
                    j -> j.slowdown().isPresent() ? Formats.number(j.slowdown().getAsDouble(), 2) + "×" : "",
                    j -> j.slowdown().isPresent() ? Formats.plain(j.slowdown().getAsDouble(), 4) : ""),
            Column.number("preemptions", "preemptions", j -> (double) j.preemptions(), j -> Integer.toString(j.preemptions()),
                    j -> Integer.toString(j.preemptions())),
            Column.number("iterations", "iterations", j -> (double) j.iterations(), j -> Formats.count(j.iterations()),
                    j -> Long.toString(j.iterations())),
            Column.number("MFU", "mfu", JobRecord::mfu, j -> Formats.percent(j.mfu()), j -> Formats.plain(j.mfu(), 4)),
            Column.number("TFLOP/s per GPU", "model_tflops_per_gpu", JobRecord::modelTflopsPerGpu,
                    j -> Formats.number(j.modelTflopsPerGpu(), 1), j -> Formats.plain(j.modelTflopsPerGpu(), 2)),
            Column.number("cost", "cost_usd", JobRecord::costUsd, j -> Formats.usd(j.costUsd()), j -> Formats.plain(j.costUsd(), 4)),
            Column.number("energy (kWh)", "energy_kwh", JobRecord::energyKWh, j -> Formats.number(j.energyKWh(), 1),
                    j -> Formats.plain(j.energyKWh(), 4)),
            Column.text("placement", "placement", JobRecord::placement),
            Column.text("reason", "reason", JobRecord::reason));

    private static Column<JobRecord> time(String title, String csv, Function<JobRecord, OptionalLong> ns) {
        return Column.number(title, csv, j -> ns.apply(j).isPresent() ? ns.apply(j).getAsLong() / 1e9 : Double.MAX_VALUE,
                j -> ns.apply(j).isPresent() ? Formats.durationNs(ns.apply(j).getAsLong()) : "",
                j -> ns.apply(j).isPresent() ? Formats.plain(ns.apply(j).getAsLong() / 1e9, 3) : "");
    }
}
