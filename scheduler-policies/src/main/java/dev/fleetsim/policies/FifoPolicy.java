package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.JobView;
import dev.fleetsim.engine.scheduling.Placement;
import dev.fleetsim.engine.scheduling.SchedulingContext;
import dev.fleetsim.engine.scheduling.SchedulingDecision;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Strict first-in, first-out: jobs start in submit order, and the first job that does not fit
 * blocks every job behind it (no backfilling), as a plain batch queue does.
 */
public final class FifoPolicy implements SchedulingPolicy {
    private final PlacementStrategy placement;

    public FifoPolicy(PlacementStrategy placement) {
        this.placement = placement;
    }

    @Override
    public SchedulingDecision schedule(SchedulingContext context) {
        List<Placement> out = new ArrayList<>();
        BitSet taken = new BitSet();
        for (JobView job : context.queue()) {
            Optional<int[]> gpus = placement.place(job, context.cluster(), taken);
            if (gpus.isEmpty()) {
                break;
            }
            for (int g : gpus.get()) {
                taken.set(g);
            }
            out.add(new Placement(job.id(), gpus.get()));
        }
        return SchedulingDecision.start(out);
    }
}
