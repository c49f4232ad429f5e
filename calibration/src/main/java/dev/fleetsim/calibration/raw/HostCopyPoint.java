package dev.fleetsim.calibration.raw;

/**
 * One host-device copy.
 *
 * @param where file and line
 * @param device CUDA device index
 * @param direction {@code h2d} or {@code d2h}
 * @param memory {@code pinned} or {@code pageable} host memory
 * @param bytes transfer size
 * @param timeS median time of one copy
 */
public record HostCopyPoint(String where, int device, String direction, String memory, long bytes, double timeS)
        implements Measurement {
}
