package dev.fleetsim.desktop.results;

import dev.fleetsim.desktop.Formats;
import dev.fleetsim.engine.metrics.RunSummary;

import java.util.List;

/** The headline cards of a run, every figure read off its summary. */
public final class SummaryCards {
    private SummaryCards() {
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
                        Formats.percentiles(s.times().waitS())),
                new Card("Mean JCT", s.times().jctS().count() == 0 ? "—" : Formats.duration(s.times().jctS().mean()),
                        Formats.percentiles(s.times().jctS())),
                new Card("Utilisation", Formats.percent(s.utilisation().allocatedUtilisation()),
                        "allocated · " + Formats.percent(s.utilisation().busyUtilisation()) + " computing · "
                                + Formats.number(s.utilisation().allocatedGpuHours(), 0) + " GPU-h"),
                new Card("Cost", Formats.usd(s.cost().totalCostUsd()), "GPUs " + Formats.usd(s.cost().gpuCostUsd()) + idle
                        + " · energy " + Formats.usd(s.cost().energyCostUsd())));
    }
}
