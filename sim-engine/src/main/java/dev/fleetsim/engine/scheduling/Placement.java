package dev.fleetsim.engine.scheduling;

import java.util.Arrays;

/**
 * A policy's proposal to start one job on these GPUs, in rank order (tensor-parallel rank
 * fastest). The engine checks it before applying: the job must be queued, the GPUs free,
 * distinct, of a feasible type, and exactly as many as the job's gang needs.
 */
public final class Placement {
    private final String jobId;
    private final int[] gpus;

    public Placement(String jobId, int[] gpus) {
        this.jobId = jobId;
        this.gpus = gpus.clone();
    }

    public String jobId() {
        return jobId;
    }

    public int[] gpus() {
        return gpus.clone();
    }

    public int gpuCount() {
        return gpus.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Placement && ((Placement) o).jobId.equals(jobId) && Arrays.equals(((Placement) o).gpus, gpus);
    }

    @Override
    public int hashCode() {
        return jobId.hashCode() * 31 + Arrays.hashCode(gpus);
    }

    @Override
    public String toString() {
        return jobId + "@" + Arrays.toString(gpus);
    }
}
