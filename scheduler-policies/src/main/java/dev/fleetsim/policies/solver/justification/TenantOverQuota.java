package dev.fleetsim.policies.solver.justification;

import java.util.List;

/** A tenant's running and newly placed GPUs together exceed its quota. */
public record TenantOverQuota(String tenant, int quotaGpus, int runningGpus, int placedGpus, List<String> jobIds)
        implements Justification {
    public TenantOverQuota {
        jobIds = List.copyOf(jobIds);
    }

    @Override
    public String describe() {
        return "tenant " + tenant + " has a quota of " + quotaGpus + " GPUs, holds " + runningGpus + " and jobs "
                + String.join(", ", jobIds) + " would add " + placedGpus;
    }
}
