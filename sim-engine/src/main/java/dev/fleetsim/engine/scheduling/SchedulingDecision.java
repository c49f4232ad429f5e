package dev.fleetsim.engine.scheduling;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a policy returns for one round: jobs to preempt (applied first, their GPUs then free),
 * placements to start (checked by the engine), optional explanations of its choices, and an
 * optional wake-up: the time of the next round the policy wants even if nothing else happens
 * by then (a time-based policy's demotion or starvation deadline). The engine keeps one
 * pending wake-up, the one asked for by the latest round; a wake-up must lie in the future.
 */
public record SchedulingDecision(List<Placement> placements, List<String> preemptedJobIds,
                                 List<Explanation> explanations, OptionalLong wakeAtNs) {
    public static final SchedulingDecision NONE = new SchedulingDecision(List.of(), List.of(), List.of());

    public SchedulingDecision {
        placements = List.copyOf(placements);
        preemptedJobIds = List.copyOf(preemptedJobIds);
        explanations = List.copyOf(explanations);
    }

    /** A decision without a wake-up. */
    public SchedulingDecision(List<Placement> placements, List<String> preemptedJobIds, List<Explanation> explanations) {
        this(placements, preemptedJobIds, explanations, OptionalLong.empty());
    }

    public static SchedulingDecision start(List<Placement> placements) {
        return new SchedulingDecision(placements, List.of(), List.of());
    }

    /** This decision, also asking for a round at {@code timeNs}. */
    public SchedulingDecision withWakeAt(long timeNs) {
        return new SchedulingDecision(placements, preemptedJobIds, explanations, OptionalLong.of(timeNs));
    }

    public boolean isEmpty() {
        return placements.isEmpty() && preemptedJobIds.isEmpty() && explanations.isEmpty() && wakeAtNs.isEmpty();
    }
}
