package dev.fleetsim.engine.hardware;

/**
 * Fractions of the datasheet HBM bandwidth that memory-bound kernels reach, counting bytes
 * read plus bytes written. The model uses {@code elementwise} for activations, residual adds,
 * dropout, casts and the optimizer step, {@code reduction} for norms, softmax, cross-entropy
 * and amax scans, {@code copy} for layout copies; {@code read}, {@code write} and {@code triad}
 * are what the calibration benchmarks measure besides copy.
 *
 * @param copy device-to-device copy
 * @param read streaming read
 * @param write streaming write
 * @param triad a = b + s·c
 * @param elementwise element-wise kernels
 * @param reduction kernels with a reduction per row
 * @param source where the numbers come from
 */
public record MemoryCurve(double copy, double read, double write, double triad, double elementwise, double reduction,
                          String source) {

    public MemoryCurve {
        for (double v : new double[] {copy, read, write, triad, elementwise, reduction}) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("memory fractions must be in (0, 1], was " + v);
            }
        }
        source = source == null ? "" : source;
    }
}
