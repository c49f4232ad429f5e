package dev.fleetsim.engine.workload;

/**
 * The hardware a trace's run times were measured on, as the engine rebuilds it to turn a drawn
 * duration into work: nodes of {@code gpusPerNode} GPUs of {@code gpuType} (a catalogue name),
 * each with {@code nicsPerNode} NICs of {@code nicBandwidthBytesPerS}, on a full-bisection
 * fabric. A drawn job's iteration count is its duration over the job shape's iteration time on
 * its ideal placement there, so the same job runs faster on a faster GPU (docs/WORKLOADS.md,
 * "Work, not time").
 *
 * @param gpuType the reference GPU type, a catalogue name
 * @param gpusPerNode GPUs per server of the traced cluster
 * @param nicsPerNode scale-out NICs per server
 * @param nicBandwidthBytesPerS line rate of one NIC per direction
 * @param basis where the choice comes from, and how sure it is
 */
public record ReferenceHardware(String gpuType, int gpusPerNode, int nicsPerNode, double nicBandwidthBytesPerS,
                                String basis) {
    public ReferenceHardware {
        if (gpusPerNode < 1 || nicsPerNode < 0 || !(nicBandwidthBytesPerS > 0)) {
            throw new IllegalArgumentException("a reference node needs GPUs, NICs ≥ 0 and a NIC bandwidth > 0");
        }
    }

    /** The same servers with another GPU type in them (a scenario's {@code referenceGpu}). */
    public ReferenceHardware withGpuType(String type) {
        return new ReferenceHardware(type, gpusPerNode, nicsPerNode, nicBandwidthBytesPerS, basis);
    }
}
