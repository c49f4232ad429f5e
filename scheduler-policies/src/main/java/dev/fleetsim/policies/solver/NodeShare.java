package dev.fleetsim.policies.solver;

/** The GPUs a placement takes on one node: the unit the capacity and fragmentation constraints add up. */
public record NodeShare(GpuNode node, int gpus) {
}
