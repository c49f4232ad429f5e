package dev.fleetsim.policies.solver.justification;

import java.util.List;

/** GPUs left free on a node that this round's placements use only in part. */
public record StrandedGpus(String node, int strandedGpus, List<String> jobIds) implements Justification {
    public StrandedGpus {
        jobIds = List.copyOf(jobIds);
    }

    @Override
    public String describe() {
        return "jobs " + String.join(", ", jobIds) + " leave " + strandedGpus + " GPU(s) of " + node + " stranded";
    }
}
