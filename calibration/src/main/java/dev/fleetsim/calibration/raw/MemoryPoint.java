package dev.fleetsim.calibration.raw;

/**
 * One device-memory kernel over arrays of {@code bytes} each.
 *
 * @param where file and line
 * @param device CUDA device index
 * @param op {@code copy}, {@code read}, {@code write}, {@code triad} or {@code memcpy}
 * @param bytes size of one array
 * @param movedBytes bytes read plus written ({@code copy} 2x, {@code triad} 3x)
 * @param timeS median time of one kernel
 */
public record MemoryPoint(String where, int device, String op, long bytes, double movedBytes, double timeS)
        implements Measurement {

    public double bandwidthBytesPerS() {
        return movedBytes / timeS;
    }
}
