package dev.fleetsim.policies.solver.justification;

import java.util.List;

/** More GPUs of a node were given out in one round than it had free. */
public record NodeOverAllocated(String node, int freeGpus, int requestedGpus, List<String> jobIds) implements Justification {
    public NodeOverAllocated {
        jobIds = List.copyOf(jobIds);
    }

    @Override
    public String describe() {
        return node + " has " + freeGpus + " free GPUs but jobs " + String.join(", ", jobIds) + " ask for " + requestedGpus;
    }
}
