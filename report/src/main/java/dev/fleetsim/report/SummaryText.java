package dev.fleetsim.report;

import dev.fleetsim.engine.metrics.Distribution;
import dev.fleetsim.engine.metrics.LatencySummary;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.scenario.Units;

import java.util.Locale;
import java.util.Map;

/** The short table {@code fleetsim run} prints after a run. */
public final class SummaryText {
    /** Tenants listed one per line; beyond this many, the rest are summed up in one line. */
    static final int TENANT_LINES = 8;
    /**
     * A run shorter than this (a horizon of a few nanoseconds or seconds, usually a unit slip) shows
     * no rate extrapolated to a day: a day's tokens from a nanosecond's progress is not a figure
     * anyone can use. The run's own span is said instead.
     */
    static final double MIN_RATE_SPAN_S = 60;

    private SummaryText() {
    }

    public static String of(RunSummary s, double wallSeconds) {
        StringBuilder sb = new StringBuilder();
        // A serving replica is a gang the scheduler places like a job, but no job: its figures are its own.
        RunSummary.Replicas replicas = s.replicas();
        RunSummary.Counts c = s.jobCounts();
        line(sb, "Scenario %s (seed %d, policy %s) on %d GPUs%n", s.scenario(), s.seed(), s.policy(), s.gpus());
        boolean servingOnly = replicas != null && c.jobs() == 0;
        if (servingOnly) {
            line(sb, "  replicas     %d: %d ended, %d running, %d queued, %d rejected%s; %d preemptions%n", replicas.count(),
                    replicas.ended(), replicas.running(), replicas.queued(), replicas.rejected(),
                    notSubmitted(replicas.notSubmitted()), replicas.preemptions());
            line(sb, "  makespan     %s%n", Units.formatDuration(Math.round(s.times().makespanS() * 1e9)));
            line(sb, "  wait         %s (replicas, for GPUs)%n", dist(replicas.waitS()));
            line(sb, "  queueing     %s%n", dist(replicas.queueingS()));
            line(sb, "  lifetime     %s (replicas, start to scale-down or end)%n", dist(replicas.lifetimeS()));
        } else {
            line(sb, "  jobs         %d%s: %d finished, %d running, %d queued, %d rejected%s; %d preemptions%n", c.jobs(),
                    replicas == null ? "" : " training", c.finished(), c.running(), c.queued(), c.rejected(),
                    notSubmitted(c.notSubmitted()), c.preemptions());
            line(sb, "  makespan     %s%n", Units.formatDuration(Math.round(s.times().makespanS() * 1e9)));
            line(sb, "  wait         %s%n", dist(s.times().waitS()));
            line(sb, "  queueing     %s%n", dist(s.times().queueingS()));
            line(sb, "  JCT          %s%n", dist(s.times().jctS()));
            line(sb, "  slowdown     %s%n", ratio(s.times().slowdown()));
            if (replicas != null) {
                line(sb, "  replicas     %d serving: %d ended, %d running, %d queued%s; wait mean %s; lifetime %s%n",
                        replicas.count(), replicas.ended(), replicas.running(), replicas.queued(),
                        replicas.rejected() > 0 ? ", " + replicas.rejected() + " rejected" : "",
                        duration(replicas.waitS()), dist(replicas.lifetimeS()));
            }
        }
        RunSummary.Censoring censoring = s.times().censoring();
        if (censoring.horizonS() != null && censoring.neverStarted() + censoring.unfinished() > 0) {
            line(sb, "  censored     at the horizon: %d jobs never started (not in wait), %d unfinished (not in JCT)%n",
                    censoring.neverStarted(), censoring.unfinished());
        }
        line(sb, "  utilisation  %.1f %% allocated, %.1f %% computing%n", 100 * s.utilisation().allocatedUtilisation(),
                100 * s.utilisation().busyUtilisation());
        line(sb, "  GPU-hours    %,.0f allocated%n", s.utilisation().allocatedGpuHours());
        boolean tooShort = s.times().makespanS() < MIN_RATE_SPAN_S;
        if (s.training().tokens() > 0) {
            line(sb, "  training     %s tokens%s%n", tokens(s.training().tokens()),
                    tooShort ? "" : ", " + tokens(s.training().tokensPerDay()) + " a day");
        }
        RunSummary.Cost cost = s.cost();
        boolean owned = cost.monthlyByGroup().stream().anyMatch(g -> "owned".equals(g.purchase()));
        line(sb, "  cost         $%,.0f GPUs + $%,.0f energy (%,.0f kWh%s) = $%,.0f; $%,.0f a month%n", cost.gpuCostUsd(),
                cost.energyCostUsd(), cost.energyKWh(), owned ? "" : ", in the rented price", cost.totalCostUsd(),
                cost.usdPerMonth());
        tenants(sb, s.tenants());
        if (s.kernel().networkUpdates() > 0) {
            line(sb, "  network      %,d max-min updates, %,d job pace changes%n", s.kernel().networkUpdates(), s.kernel().rateChanges());
        }
        for (ServiceSummary svc : s.services()) {
            service(sb, svc);
        }
        if (tooShort) {
            line(sb, "  note         the run covers only %s%s: no daily rate is shown over less than a minute%n",
                    Units.formatDuration(Math.round(s.times().makespanS() * 1e9)),
                    s.times().censoring().horizonS() != null ? " (simulation.horizon)" : "");
        }
        line(sb, "  simulation   %,d events in %.2f s (%,.0f events/s)%n", s.kernel().events(), wallSeconds,
                wallSeconds > 0 ? s.kernel().events() / wallSeconds : 0);
        return sb.toString();
    }

    private static String notSubmitted(int n) {
        return n > 0 ? ", " + n + " not yet submitted" : "";
    }

    /** A token count as people read it: 1.25 B, 340 M. */
    private static String tokens(double n) {
        if (n >= 1e12) {
            return String.format(java.util.Locale.ROOT, "%.2f T", n / 1e12);
        }
        if (n >= 1e9) {
            return String.format(java.util.Locale.ROOT, "%.2f B", n / 1e9);
        }
        if (n >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.1f M", n / 1e6);
        }
        return n > 0 && n < 1 ? "fewer than 1" : String.format(java.util.Locale.ROOT, "%,.0f", n);
    }

    /** One deployment: requests and throughput, latencies, objectives, KV cache and batching, replicas and cost. */
    private static void service(StringBuilder sb, ServiceSummary v) {
        var r = v.requests();
        var t = v.throughput();
        var l = v.latency();
        line(sb, "  service %s: %s on %s, tp %d%s, %s mode%n", v.name(), v.model(), v.gpuType().isEmpty() ? "-" : v.gpuType(),
                v.tp(), v.pp() > 1 ? ", pp " + v.pp() : "", v.mode());
        line(sb, "    requests   %,d finished of %,d (%,d unfinished); %.2f req/s, %,.0f prompt + %,.0f output tok/s%n",
                r.finished(), r.arrived(), r.unfinished(), t.requestsPerS(), t.inputTokensPerS(), t.outputTokensPerS());
        line(sb, "    TTFT       %s%n", latency(l.ttftS()));
        line(sb, "    TPOT       %s%n", latency(l.tpotS()));
        line(sb, "    E2E        %s%n", latency(l.e2eS()));
        line(sb, "    SLO        %.1f %% met (TTFT <= %s, TPOT <= %s; target %.0f %%), goodput %.2f req/s%n",
                100 * v.slo().attainment(), seconds(v.slo().ttftTargetS()), seconds(v.slo().tpotTargetS()),
                100 * v.slo().target(), t.goodputRequestsPerS());
        line(sb, "    KV cache   %,d tokens per replica, %.1f %% used on average (peak %.1f %%); batch mean %.1f, max %d; "
                        + "%,d preemptions%n", v.kv().tokensPerReplica(), 100 * v.kv().meanUtilisation(),
                100 * v.kv().peakUtilisation(), v.batching().meanBatch(), v.batching().maxBatch(), r.preemptions());
        if (r.kvTransfers() > 0) {
            line(sb, "    KV moves   %,d prefill -> decode, mean %s%n", r.kvTransfers(), seconds(r.kvTransferMeanS()));
        }
        line(sb, "    replicas   mean %.1f, peak %d (%d up, %d down), %,.1f GPU-hours; $%,.2f, $%,.2f per million output tokens%n",
                v.replicas().meanActive(), v.replicas().peakActive(), v.replicas().scaleUps(), v.replicas().scaleDowns(),
                v.replicas().gpuHours(), v.cost().totalCostUsd(), v.cost().usdPerMillionOutputTokens());
    }

    private static String latency(LatencySummary d) {
        if (d.count() == 0) {
            return "-";
        }
        return "p50 " + seconds(d.p50()) + ", p90 " + seconds(d.p90()) + ", p99 " + seconds(d.p99()) + ", max "
                + seconds(d.max());
    }

    private static String seconds(double s) {
        return Units.formatDuration(Math.round(s * 1e9));
    }

    private static void tenants(StringBuilder sb, RunSummary.Tenants tenants) {
        Map<String, RunSummary.Tenant> by = tenants.byTenant();
        if (by.size() < 2) {
            return;
        }
        line(sb, "  tenants      %d; fairness %s (Jain over mean slowdowns)%n", by.size(),
                tenants.fairness() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", tenants.fairness()));
        int shown = 0;
        for (Map.Entry<String, RunSummary.Tenant> e : by.entrySet()) {
            if (shown++ == TENANT_LINES) {
                line(sb, "    ... and %d more tenants (summary.json: tenants.byTenant)%n", by.size() - TENANT_LINES);
                break;
            }
            RunSummary.Tenant t = e.getValue();
            line(sb, "    %-12s %d jobs%s, queueing mean %s, JCT mean %s, slowdown mean %s, %,.0f GPU-h, $%,.0f%n",
                    e.getKey(), t.jobs(), t.servingReplicas() > 0 ? " + " + t.servingReplicas() + " serving replicas" : "",
                    duration(t.queueingS()), duration(t.jctS()),
                    t.slowdown().count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", t.slowdown().mean()),
                    t.gpuHours(), t.costUsd());
        }
    }

    private static String duration(Distribution d) {
        return d.count() == 0 ? "-" : Units.formatDuration((long) (d.mean() * 1e9));
    }

    private static String dist(Distribution d) {
        if (d.count() == 0) {
            return "-";
        }
        return "mean " + Units.formatDuration((long) (d.mean() * 1e9)) + ", p50 " + Units.formatDuration((long) (d.p50() * 1e9))
                + ", p95 " + Units.formatDuration((long) (d.p95() * 1e9)) + ", p99 " + Units.formatDuration((long) (d.p99() * 1e9));
    }

    private static String ratio(Distribution d) {
        if (d.count() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "mean %.2f, p50 %.2f, p95 %.2f, p99 %.2f (JCT / ideal run time)", d.mean(), d.p50(),
                d.p95(), d.p99());
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args));
    }
}
