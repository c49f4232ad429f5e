package dev.fleetsim.policies.solver.justification;

/** A job stays in the queue this round. */
public record JobWaits(String jobId, int priority, long waitedS) implements Justification {
    @Override
    public String describe() {
        return jobId + " (priority " + priority + ") has waited " + waitedS + " s";
    }
}
