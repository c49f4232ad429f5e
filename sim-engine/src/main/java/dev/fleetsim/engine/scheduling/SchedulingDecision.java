package dev.fleetsim.engine.scheduling;

import java.util.List;

/**
 * What a policy returns for one round: jobs to preempt (applied first, their GPUs then free),
 * placements to start (checked by the engine), and optional explanations of its choices.
 */
public record SchedulingDecision(List<Placement> placements, List<String> preemptedJobIds,
                                 List<Explanation> explanations) {
    public static final SchedulingDecision NONE = new SchedulingDecision(List.of(), List.of(), List.of());

    public SchedulingDecision {
        placements = List.copyOf(placements);
        preemptedJobIds = List.copyOf(preemptedJobIds);
        explanations = List.copyOf(explanations);
    }

    public static SchedulingDecision start(List<Placement> placements) {
        return new SchedulingDecision(placements, List.of(), List.of());
    }

    public boolean isEmpty() {
        return placements.isEmpty() && preemptedJobIds.isEmpty() && explanations.isEmpty();
    }
}
