package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.desktop.table.Column;
import dev.fleetsim.engine.metrics.ServiceSummary;

import java.util.List;

/**
 * The serving table's columns: one row per inference deployment, every figure read off its
 * {@link ServiceSummary} (the {@code services} of {@code summary.json}): requests, throughput,
 * latency percentiles, SLO attainment against its target, KV use, replicas and cost.
 */
public final class ServiceColumns {
    private ServiceColumns() {
    }

    public static final List<Column<ServiceSummary>> ALL = List.of(
            Column.text("service", "name", ServiceSummary::name),
            new Column<>("SLO attainment", "slo_attainment", s -> s.slo().attainment(),
                    s -> Formats.percent(s.slo().attainment()) + " of " + Formats.percent(s.slo().target())
                            + (s.slo().attainment() >= s.slo().target() ? " ✓" : " ✗"),
                    s -> Formats.plain(s.slo().attainment(), 4), true),
            // one objective a column: the two in one cell were clipped at any width the table gave it
            seconds("TTFT objective", "ttft_target_s", s -> s.slo().ttftTargetS()),
            seconds("TPOT objective", "tpot_target_s", s -> s.slo().tpotTargetS()),
            seconds("TTFT p50", "ttft_p50_s", s -> s.latency().ttftS().p50()),
            seconds("TTFT p99", "ttft_p99_s", s -> s.latency().ttftS().p99()),
            seconds("TPOT p50", "tpot_p50_s", s -> s.latency().tpotS().p50()),
            seconds("TPOT p99", "tpot_p99_s", s -> s.latency().tpotS().p99()),
            seconds("E2E p99", "e2e_p99_s", s -> s.latency().e2eS().p99()),
            number("output tok/s", "output_tokens_per_s", s -> s.throughput().outputTokensPerS(), 0),
            count("requests", "requests_finished", s -> s.requests().finished()),
            new Column<>("KV peak", "kv_peak_utilisation", s -> s.kv().peakUtilisation(), s -> Formats.percent(s.kv().peakUtilisation()),
                    s -> Formats.plain(s.kv().peakUtilisation(), 4), true),
            number("replicas (mean)", "replicas_mean", s -> s.replicas().meanActive(), 1),
            new Column<>("$ / M output tokens", "usd_per_million_output_tokens", s -> s.cost().usdPerMillionOutputTokens(),
                    s -> Formats.usd(s.cost().usdPerMillionOutputTokens()), s -> Formats.plain(s.cost().usdPerMillionOutputTokens(), 4), true),
            Column.text("model", "model", s -> s.model() + " on " + s.gpuType() + " (TP " + s.tp() + (s.pp() > 1 ? ", PP " + s.pp() : "")
                    + ", " + s.mode() + ")"));

    private static Column<ServiceSummary> count(String title, String csv, java.util.function.ToLongFunction<ServiceSummary> v) {
        return new Column<>(title, csv, s -> (double) v.applyAsLong(s), s -> Formats.count(v.applyAsLong(s)),
                s -> Long.toString(v.applyAsLong(s)), true);
    }

    private static Column<ServiceSummary> number(String title, String csv, java.util.function.ToDoubleFunction<ServiceSummary> v,
                                                 int decimals) {
        return new Column<>(title, csv, s -> v.applyAsDouble(s), s -> Formats.number(v.applyAsDouble(s), decimals),
                s -> Formats.plain(v.applyAsDouble(s), 4), true);
    }

    private static Column<ServiceSummary> seconds(String title, String csv, java.util.function.ToDoubleFunction<ServiceSummary> v) {
        return new Column<>(title, csv, s -> v.applyAsDouble(s), s -> Formats.duration(v.applyAsDouble(s)),
                s -> Formats.plain(v.applyAsDouble(s), 6), true);
    }
}
