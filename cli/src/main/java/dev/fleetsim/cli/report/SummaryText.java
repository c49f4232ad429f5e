package dev.fleetsim.cli.report;

import dev.fleetsim.engine.metrics.Distribution;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.scenario.Units;

import java.util.Locale;

/** The short table {@code fleetsim run} prints after a run. */
public final class SummaryText {
    private SummaryText() {
    }

    public static String of(RunSummary s, double wallSeconds) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Scenario %s (seed %d, policy %s) on %d GPUs%n", s.scenario(), s.seed(), s.policy(), s.gpus());
        line(sb, "  jobs         %d: %d finished, %d running, %d queued, %d rejected; %d preemptions%n", s.counts().jobs(),
                s.counts().finished(), s.counts().running(), s.counts().queued(), s.counts().rejected(), s.counts().preemptions());
        line(sb, "  makespan     %s%n", Units.formatDuration((long) (s.times().makespanS() * 1e9)));
        line(sb, "  wait         %s%n", dist(s.times().waitS()));
        line(sb, "  JCT          %s%n", dist(s.times().jctS()));
        line(sb, "  utilisation  %.1f %% allocated, %.1f %% computing%n", 100 * s.utilisation().allocatedUtilisation(),
                100 * s.utilisation().busyUtilisation());
        line(sb, "  GPU-hours    %,.0f allocated%n", s.utilisation().allocatedGpuHours());
        line(sb, "  cost         $%,.0f GPUs + $%,.0f energy (%,.0f kWh) = $%,.0f%n", s.cost().gpuCostUsd(), s.cost().energyCostUsd(),
                s.cost().energyKWh(), s.cost().totalCostUsd());
        if (s.kernel().networkUpdates() > 0) {
            line(sb, "  network      %,d max-min updates, %,d job pace changes%n", s.kernel().networkUpdates(), s.kernel().rateChanges());
        }
        line(sb, "  simulation   %,d events in %.2f s (%,.0f events/s)%n", s.kernel().events(), wallSeconds,
                wallSeconds > 0 ? s.kernel().events() / wallSeconds : 0);
        return sb.toString();
    }

    private static String dist(Distribution d) {
        if (d.count() == 0) {
            return "-";
        }
        return "mean " + Units.formatDuration((long) (d.mean() * 1e9)) + ", p50 " + Units.formatDuration((long) (d.p50() * 1e9))
                + ", p95 " + Units.formatDuration((long) (d.p95() * 1e9)) + ", p99 " + Units.formatDuration((long) (d.p99() * 1e9));
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args));
    }
}
