package dev.fleetsim.policies.solver.justification;

/** A job runs on a GPU type dearer per hour than the cheapest type it could use. */
public record PriceyGpuType(String jobId, String gpuType, long centsPerHourAboveCheapest) implements Justification {
    @Override
    public String describe() {
        return jobId + " on " + gpuType + " costs " + centsPerHourAboveCheapest + " cents/h more than on its cheapest type";
    }
}
