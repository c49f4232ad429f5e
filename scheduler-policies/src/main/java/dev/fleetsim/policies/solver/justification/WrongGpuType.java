package dev.fleetsim.policies.solver.justification;

/** A job that asks for one GPU type was given another. */
public record WrongGpuType(String jobId, String gpuType, String requiredGpuType) implements Justification {
    @Override
    public String describe() {
        return jobId + " asks for " + requiredGpuType + " but was given " + gpuType;
    }
}
