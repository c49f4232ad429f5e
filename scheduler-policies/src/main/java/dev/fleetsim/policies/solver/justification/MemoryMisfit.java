package dev.fleetsim.policies.solver.justification;

import java.util.List;

/** A job was given GPUs whose memory cannot hold it. */
public record MemoryMisfit(String jobId, String gpuType, List<String> feasibleGpuTypes) implements Justification {
    public MemoryMisfit {
        feasibleGpuTypes = List.copyOf(feasibleGpuTypes);
    }

    @Override
    public String describe() {
        return jobId + " does not fit in the memory of " + gpuType + "; it fits on " + String.join(", ", feasibleGpuTypes);
    }
}
