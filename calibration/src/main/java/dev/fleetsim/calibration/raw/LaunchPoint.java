package dev.fleetsim.calibration.raw;

/**
 * Kernel launch latency.
 *
 * @param where file and line
 * @param device CUDA device index
 * @param mode {@code back-to-back} (queued empty kernels, time per kernel), {@code launch-and-sync} or {@code graph}
 * @param timeS median time per kernel
 */
public record LaunchPoint(String where, int device, String mode, double timeS) implements Measurement {
    /** The mode the profile's launch latency comes from. */
    public static final String BACK_TO_BACK = "back-to-back";
}
