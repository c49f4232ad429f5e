package dev.fleetsim.policies.solver.justification;

/** A job runs on a GPU type that draws more board power than the lowest-power type it could use. */
public record PowerHungryGpuType(String jobId, String gpuType, long wattsAboveLowest) implements Justification {
    @Override
    public String describe() {
        return jobId + " on " + gpuType + " draws " + wattsAboveLowest + " W more than on its lowest-power type";
    }
}
