package dev.fleetsim.engine.scheduling;

/**
 * Decides, in a scheduling round, which queued jobs start and where, and which running jobs
 * are preempted. Called whenever the queue or the free GPUs change. Must be deterministic for
 * a given context.
 */
public interface SchedulingPolicy {

    SchedulingDecision schedule(SchedulingContext context);
}
