package dev.fleetsim.calibration.raw;

import dev.fleetsim.engine.hardware.Precision;

/**
 * One cuBLASLt GEMM: {@code D(m x n) = A(m x k) B(k x n)} in {@code dtype}.
 *
 * @param where file and line
 * @param device CUDA device index
 * @param dtype input precision
 * @param m rows of the result
 * @param n columns of the result
 * @param k reduction depth
 * @param timeS median time of one GEMM
 */
public record GemmPoint(String where, int device, Precision dtype, long m, long n, long k, double timeS)
        implements Measurement {

    /** 2·m·n·k. */
    public double flops() {
        return 2.0 * m * n * k;
    }
}
