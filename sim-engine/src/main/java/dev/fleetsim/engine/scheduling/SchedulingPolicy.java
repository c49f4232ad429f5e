package dev.fleetsim.engine.scheduling;

import java.util.List;

/**
 * Decides, in a scheduling round, which queued jobs start and where. Called whenever the queue
 * or the free GPUs change. Must be deterministic for a given context.
 */
public interface SchedulingPolicy {

    /** Placements to apply now, in order; jobs left out stay queued. */
    List<Placement> schedule(SchedulingContext context);
}
