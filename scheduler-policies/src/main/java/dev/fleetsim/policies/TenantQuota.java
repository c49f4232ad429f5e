package dev.fleetsim.policies;

import java.util.OptionalLong;

/**
 * One tenant's share of the cluster in the vocabulary of Kubernetes Kueue's ClusterQueue: its
 * nominal quota of GPUs (guaranteed), how many GPUs beyond it it may borrow from the unused
 * quota of its cohort (empty = no limit), and the cohort it shares quota with.
 */
public record TenantQuota(String tenant, long nominalGpus, OptionalLong borrowingLimitGpus, String cohort) {
}
