package dev.fleetsim.policies.solver;

/**
 * A tenant's GPU quota for a round: a problem fact. {@code runningGpus} are already held by the
 * tenant's running jobs, so a round may add at most {@code limitGpus - runningGpus}.
 */
public record TenantQuota(String tenant, int limitGpus, int runningGpus) {

    /** GPUs over the quota that placing {@code placedGpus} this round adds (an overrun already there is not counted). */
    public int excessGpus(int placedGpus) {
        int before = Math.max(0, runningGpus - limitGpus);
        int after = Math.max(0, runningGpus + placedGpus - limitGpus);
        return after - before;
    }
}
