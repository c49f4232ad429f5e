package dev.fleetsim.policies.solver;

/** GPUs one placed job takes on one node: what the node-level constraints add up, keeping the job for blame. */
public record NodeUse(JobAssignment job, GpuNode node, int gpus) {
}
