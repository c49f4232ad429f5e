package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.engine.metrics.RunSummary;

import java.util.ArrayList;
import java.util.List;

/** The headline cards of a run, every figure read off its summary. */
public final class SummaryCards {
    private SummaryCards() {
    }

    /** {@code · 3 never started by the horizon (not counted)}, or nothing. */
    private static String censored(int n, String what) {
        return n == 0 ? "" : " · " + n + " " + what + " by the horizon (not counted)";
    }

    /**
     * The cards of a run: its jobs (serving replicas are no jobs: {@link RunSummary#jobCounts()}), and with
     * deployments a card of their replicas; a serving-only run shows its replicas where the job cards would be.
     */
    public static List<Card> of(RunSummary s, CostBreakdown cost) {
        RunSummary.Counts c = s.jobCounts();
        RunSummary.Replicas replicas = s.replicas();
        String idle = cost.idleGpuUsd().isPresent() ? " · idle capacity " + Formats.usd(cost.idleGpuUsd().getAsDouble()) : "";
        List<Card> cards = new ArrayList<>();
        Card makespan = new Card("Makespan", Formats.duration(s.times().makespanS()), s.gpus() + " GPUs · policy " + s.policy()
                + " · seed " + s.seed());
        if (replicas != null && c.jobs() == 0) {
            cards.add(replicas(replicas));
            cards.add(makespan);
            cards.add(new Card("Replica lifetime", replicas.lifetimeS().count() == 0 ? "—"
                    : Formats.duration(replicas.lifetimeS().mean()), Formats.percentiles(replicas.lifetimeS())
                    + " · start to scale-down or end"));
        } else {
            cards.add(new Card("Jobs", Formats.count(c.jobs()), c.finished() + " finished · " + c.running() + " running · "
                    + c.queued() + " queued · " + c.rejected() + " rejected · " + c.preemptions() + " preemptions"));
            if (replicas != null) {
                cards.add(replicas(replicas));
            }
            cards.add(makespan);
            cards.add(new Card("Mean wait", s.times().waitS().count() == 0 ? "—" : Formats.duration(s.times().waitS().mean()),
                    Formats.percentiles(s.times().waitS()) + " · queueing (all waiting) mean "
                            + Formats.duration(s.times().queueingS().mean()) + censored(s.times().censoring().neverStarted(),
                            "never started")));
            cards.add(new Card("Mean JCT", s.times().jctS().count() == 0 ? "—" : Formats.duration(s.times().jctS().mean()),
                    Formats.percentiles(s.times().jctS()) + (s.times().slowdown().count() == 0 ? ""
                            : " · slowdown mean " + Formats.number(s.times().slowdown().mean(), 2)
                            + "×, p95 " + Formats.number(s.times().slowdown().p95(), 2) + "×")
                            + censored(s.times().censoring().unfinished(), "unfinished")));
        }
        cards.add(new Card("Utilisation", Formats.percent(s.utilisation().allocatedUtilisation()),
                "allocated · " + Formats.percent(s.utilisation().busyUtilisation()) + " computing · "
                        + Formats.number(s.utilisation().allocatedGpuHours(), 0) + " GPU-h"));
        cards.add(new Card("Cost", Formats.usd(s.cost().totalCostUsd()), "GPUs " + Formats.usd(s.cost().gpuCostUsd()) + idle
                + " · energy " + Formats.usd(s.cost().energyCostUsd())));
        cards.add(new Card("Tenants", Integer.toString(s.tenants().byTenant().size()), s.tenants().fairness() == null
                ? (s.tenants().byTenant().size() < 2 ? "one tenant: no fairness index" : "no job finished: no fairness index")
                : "fairness " + Formats.number(s.tenants().fairness(), 3) + " (Jain over the tenants' mean slowdowns; 1 = even)"));
        return List.copyOf(cards);
    }

    private static Card replicas(RunSummary.Replicas r) {
        return new Card("Serving replicas", Formats.count(r.count()), r.ended() + " ended · " + r.running() + " serving · "
                + r.queued() + " waiting for GPUs" + (r.rejected() > 0 ? " · " + r.rejected() + " rejected" : "")
                + (r.waitS().count() == 0 ? "" : " · wait mean " + Formats.duration(r.waitS().mean())));
    }
}
