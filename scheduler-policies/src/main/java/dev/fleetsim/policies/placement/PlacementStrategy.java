package dev.fleetsim.policies.placement;

import dev.fleetsim.engine.cluster.ClusterView;
import dev.fleetsim.engine.scheduling.JobView;

import java.util.BitSet;
import java.util.Optional;

/**
 * Chooses GPUs for one job, given the free GPUs and those already promised earlier in the
 * same round ({@code taken}). Any ordering policy can be combined with any strategy.
 */
public interface PlacementStrategy {

    /** GPUs in rank order (tensor-parallel rank fastest), or empty when the job does not fit now. */
    Optional<int[]> place(JobView job, ClusterView cluster, BitSet taken);
}
