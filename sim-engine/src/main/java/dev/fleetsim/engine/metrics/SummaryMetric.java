package dev.fleetsim.engine.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * One headline metric as comparisons and sweeps show it: its CSV name, its label for people, how
 * it is shown, and how it is read off a run's {@link RunSummary}. Because every metric is read
 * off the summary, a sweep that resumes from the {@code summary.json} files it wrote earlier gets
 * the same numbers as one that ran everything now.
 *
 * @param name CSV column, e.g. {@code mean_jct_s}
 * @param label for tables and chart axes, e.g. {@code mean JCT}
 */
public record SummaryMetric(String name, String label, Unit unit, ToDoubleFunction<RunSummary> value) {

    /** How a metric is shown: a duration, a fraction, a count, money, a ratio, an index or a rate per second. */
    public enum Unit { SECONDS, FRACTION, COUNT, USD, RATIO, INDEX, RATE }

    /** The metrics of comparisons and sweeps, in table order. */
    public static final List<SummaryMetric> ALL = List.of(
            new SummaryMetric("mean_jct_s", "mean JCT", Unit.SECONDS, s -> s.times().jctS().mean()),
            new SummaryMetric("p95_jct_s", "p95 JCT", Unit.SECONDS, s -> s.times().jctS().p95()),
            new SummaryMetric("mean_wait_s", "mean wait (first start)", Unit.SECONDS, s -> s.times().waitS().mean()),
            new SummaryMetric("p95_wait_s", "p95 wait (first start)", Unit.SECONDS, s -> s.times().waitS().p95()),
            new SummaryMetric("mean_queueing_s", "mean queueing time (all waiting)", Unit.SECONDS,
                    s -> s.times().queueingS().mean()),
            new SummaryMetric("p95_queueing_s", "p95 queueing time", Unit.SECONDS, s -> s.times().queueingS().p95()),
            new SummaryMetric("mean_slowdown", "mean slowdown (JCT / ideal)", Unit.RATIO,
                    s -> s.times().slowdown().mean()),
            new SummaryMetric("p95_slowdown", "p95 slowdown", Unit.RATIO, s -> s.times().slowdown().p95()),
            new SummaryMetric("utilisation", "allocated utilisation", Unit.FRACTION,
                    s -> s.utilisation().allocatedUtilisation()),
            new SummaryMetric("busy_utilisation", "computing utilisation", Unit.FRACTION,
                    s -> s.utilisation().busyUtilisation()),
            new SummaryMetric("makespan_s", "makespan", Unit.SECONDS, s -> s.times().makespanS()),
            new SummaryMetric("fairness", "fairness: Jain over tenant slowdowns", Unit.INDEX,
                    s -> s.tenants().fairness() == null ? Double.NaN : s.tenants().fairness()),
            new SummaryMetric("preemptions", "preemptions", Unit.COUNT, s -> s.counts().preemptions()),
            new SummaryMetric("unfinished", "jobs unfinished at the horizon", Unit.COUNT,
                    s -> s.jobCounts().running() + s.jobCounts().queued()),
            new SummaryMetric("cost_usd", "cost", Unit.USD, s -> s.cost().totalCostUsd()),
            new SummaryMetric("cost_usd_per_month", "cost per month", Unit.USD, s -> s.cost().usdPerMonth()),
            new SummaryMetric("training_tokens_per_day", "training tokens per day", Unit.COUNT,
                    s -> s.training().tokensPerDay()));

    /**
     * The metrics of inference deployments, over all of a run's services: SLO attainment weighted by
     * finished requests, the worst service's p99 TTFT and TPOT, goodput and GPU-hours summed, and
     * serving's whole cost per million output tokens. NaN for a run without services.
     */
    public static final List<SummaryMetric> SERVING = List.of(
            new SummaryMetric("slo_attainment", "serving: SLO attainment", Unit.FRACTION, SummaryMetric::sloAttainment),
            new SummaryMetric("p99_ttft_s", "serving: p99 TTFT (worst service)", Unit.SECONDS,
                    s -> worst(s, v -> v.latency().ttftS().p99())),
            new SummaryMetric("p99_tpot_s", "serving: p99 TPOT (worst service)", Unit.SECONDS,
                    s -> worst(s, v -> v.latency().tpotS().p99())),
            new SummaryMetric("goodput_rps", "serving: goodput (req/s meeting the SLOs)", Unit.RATE,
                    s -> sum(s, v -> v.throughput().goodputRequestsPerS())),
            new SummaryMetric("serving_gpu_hours", "serving: GPU-hours", Unit.COUNT, s -> sum(s, v -> v.replicas().gpuHours())),
            new SummaryMetric("usd_per_million_output_tokens", "serving: cost per million output tokens", Unit.USD,
                    SummaryMetric::usdPerMillionOutputTokens));

    /** The metrics to show for these runs: {@link #ALL}, and {@link #SERVING} when any run has services. */
    public static List<SummaryMetric> shown(Collection<RunSummary> runs) {
        return runs.stream().anyMatch(r -> !r.services().isEmpty())
                ? Stream.concat(ALL.stream(), SERVING.stream()).toList() : ALL;
    }

    private static double sloAttainment(RunSummary s) {
        double met = 0;
        long finished = 0;
        for (ServiceSummary v : s.services()) {
            met += v.slo().attainment() * v.requests().finished();
            finished += v.requests().finished();
        }
        return finished == 0 ? Double.NaN : met / finished;
    }

    private static double worst(RunSummary s, ToDoubleFunction<ServiceSummary> f) {
        return s.services().stream().filter(v -> v.requests().finished() > 0).mapToDouble(f).max().orElse(Double.NaN);
    }

    private static double sum(RunSummary s, ToDoubleFunction<ServiceSummary> f) {
        return s.services().isEmpty() ? Double.NaN : s.services().stream().mapToDouble(f).sum();
    }

    /** Serving's cost over its output tokens (each service's tokens are its cost over its price per token). */
    private static double usdPerMillionOutputTokens(RunSummary s) {
        double cost = 0;
        double millions = 0;
        for (ServiceSummary v : s.services()) {
            if (v.cost().usdPerMillionOutputTokens() > 0) {
                cost += v.cost().totalCostUsd();
                millions += v.cost().totalCostUsd() / v.cost().usdPerMillionOutputTokens();
            }
        }
        return millions > 0 ? cost / millions : Double.NaN;
    }

    /** One per-tenant metric: {@code mean_queueing_s} of tenant {@code research}. */
    public record TenantMetric(String name, String label, Unit unit, ToDoubleFunction<RunSummary.Tenant> value) {
    }

    /** The per-tenant metrics of comparisons, in table order. */
    public static final List<TenantMetric> TENANT = List.of(
            new TenantMetric("mean_wait_s", "mean wait (first start)", Unit.SECONDS, t -> t.waitS().mean()),
            new TenantMetric("mean_queueing_s", "mean queueing time", Unit.SECONDS, t -> t.queueingS().mean()),
            new TenantMetric("mean_jct_s", "mean JCT", Unit.SECONDS, t -> t.jctS().mean()),
            new TenantMetric("mean_slowdown", "mean slowdown", Unit.RATIO, t -> t.slowdown().mean()),
            new TenantMetric("gpu_hours", "GPU-hours", Unit.COUNT, RunSummary.Tenant::gpuHours),
            new TenantMetric("cost_usd", "cost", Unit.USD, RunSummary.Tenant::costUsd));

    /** The metric of that CSV name (run or serving). */
    public static Optional<SummaryMetric> find(String name) {
        return Stream.concat(ALL.stream(), SERVING.stream()).filter(m -> m.name().equals(name)).findFirst();
    }

    /** The CSV names, run metrics then serving ones, in table order. */
    public static List<String> names() {
        return Stream.concat(ALL.stream(), SERVING.stream()).map(SummaryMetric::name).toList();
    }
}
