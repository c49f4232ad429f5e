package dev.fleetsim.calibration.raw;

/**
 * One measured point of a raw file. {@code where} names its file and line, so a fit can say
 * which points it rejected.
 */
public sealed interface Measurement
        permits GemmPoint, AttentionPoint, MemoryPoint, HostCopyPoint, P2pPoint, LaunchPoint, CollectivePoint {

    /** {@code file:line} of the measurement. */
    String where();

    /** Median time of one operation, seconds. */
    double timeS();
}
