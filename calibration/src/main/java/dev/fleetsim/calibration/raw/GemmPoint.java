package dev.fleetsim.calibration.raw;

import dev.fleetsim.engine.hardware.Precision;

import java.util.List;

/**
 * One cuBLASLt GEMM: {@code D(m x n) = A(m x k) B(k x n)} in {@code dtype}, with FP8's fast
 * accumulation on or off ({@code CUBLASLT_MATMUL_DESC_FAST_ACCUM}; off, the split accumulator, is
 * cuBLASLt's default and what a raw line without an {@code accumulation} field measured).
 *
 * @param where file and line
 * @param device CUDA device index
 * @param dtype input precision
 * @param m rows of the result
 * @param n columns of the result
 * @param k reduction depth
 * @param timeS median time of one GEMM
 * @param fastAccumulation whether fast accumulation was on (raw {@code "accumulation": "fast"})
 */
public record GemmPoint(String where, int device, Precision dtype, long m, long n, long k, double timeS, boolean fastAccumulation)
        implements Measurement {

    /** Raw {@code accumulation} of a GEMM run with fast accumulation on. */
    public static final String FAST = "fast";
    /** Raw {@code accumulation} of a GEMM run with the split (promoting) accumulator, cuBLASLt's default. */
    public static final String SPLIT = "split";
    /** The raw {@code accumulation} values, the default first. */
    public static final List<String> ACCUMULATIONS = List.of(SPLIT, FAST);

    /** A GEMM in cuBLASLt's default accumulation mode (split, for FP8). */
    public GemmPoint(String where, int device, Precision dtype, long m, long n, long k, double timeS) {
        this(where, device, dtype, m, n, k, timeS, false);
    }

    /** 2·m·n·k. */
    public double flops() {
        return 2.0 * m * n * k;
    }
}
