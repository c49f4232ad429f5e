package dev.fleetsim.policies.solver.justification;

/** A job's group does not hold its whole gang, or splits a tensor-parallel group across nodes. */
public record GangSplit(String jobId, String group, int groupGpus, int jobGpus, int tp) implements Justification {
    @Override
    public String describe() {
        return jobId + " needs " + jobGpus + " GPUs at once in tensor-parallel groups of " + tp + " inside a node; group "
                + group + " gives " + groupGpus;
    }
}
