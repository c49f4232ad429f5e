package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.engine.metrics.RunSummary;

import java.util.List;

/** The headline cards of a run, every figure read off its summary. */
public final class SummaryCards {
    private SummaryCards() {
    }

    /** {@code · 3 never started by the horizon (not counted)}, or nothing. */
    private static String censored(int n, String what) {
        return n == 0 ? "" : " · " + n + " " + what + " by the horizon (not counted)";
    }

    public static List<Card> of(RunSummary s, CostBreakdown cost) {
        RunSummary.Counts c = s.counts();
        String idle = cost.idleGpuUsd().isPresent() ? " · idle capacity " + Formats.usd(cost.idleGpuUsd().getAsDouble()) : "";
        return List.of(
                new Card("Jobs", Formats.count(c.jobs()), c.finished() + " finished · " + c.running() + " running · " + c.queued()
                        + " queued · " + c.rejected() + " rejected · " + c.preemptions() + " preemptions"),
                new Card("Makespan", Formats.duration(s.times().makespanS()), s.gpus() + " GPUs · policy " + s.policy() + " · seed "
                        + s.seed()),
                new Card("Mean wait", s.times().waitS().count() == 0 ? "—" : Formats.duration(s.times().waitS().mean()),
                        Formats.percentiles(s.times().waitS()) + " · queueing (all waiting) mean "
                                + Formats.duration(s.times().queueingS().mean()) + censored(s.times().censoring().neverStarted(),
                                "never started")),
                new Card("Mean JCT", s.times().jctS().count() == 0 ? "—" : Formats.duration(s.times().jctS().mean()),
                        Formats.percentiles(s.times().jctS()) + (s.times().slowdown().count() == 0 ? ""
                                : " · slowdown mean " + Formats.number(s.times().slowdown().mean(), 2)
                                + "×, p95 " + Formats.number(s.times().slowdown().p95(), 2) + "×")
                                + censored(s.times().censoring().unfinished(), "unfinished")),
                new Card("Utilisation", Formats.percent(s.utilisation().allocatedUtilisation()),
                        "allocated · " + Formats.percent(s.utilisation().busyUtilisation()) + " computing · "
                                + Formats.number(s.utilisation().allocatedGpuHours(), 0) + " GPU-h"),
                new Card("Cost", Formats.usd(s.cost().totalCostUsd()), "GPUs " + Formats.usd(s.cost().gpuCostUsd()) + idle
                        + " · energy " + Formats.usd(s.cost().energyCostUsd())),
                new Card("Tenants", Integer.toString(s.tenants().byTenant().size()), s.tenants().fairness() == null
                        ? "one tenant: no fairness index"
                        : "fairness " + Formats.number(s.tenants().fairness(), 3) + " (Jain over the tenants' mean slowdowns; 1 = even)"));
    }
}
