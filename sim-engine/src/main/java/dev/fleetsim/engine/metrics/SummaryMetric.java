package dev.fleetsim.engine.metrics;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

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

    /** How a metric is shown: a duration, a fraction, a count, money, a ratio or an index. */
    public enum Unit { SECONDS, FRACTION, COUNT, USD, RATIO, INDEX }

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
                    s -> s.counts().running() + s.counts().queued()),
            new SummaryMetric("cost_usd", "cost", Unit.USD, s -> s.cost().totalCostUsd()));

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

    /** The metric of that CSV name. */
    public static Optional<SummaryMetric> find(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The CSV names, in table order. */
    public static List<String> names() {
        return ALL.stream().map(SummaryMetric::name).toList();
    }
}
