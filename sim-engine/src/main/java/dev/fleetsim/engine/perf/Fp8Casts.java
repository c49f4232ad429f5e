package dev.fleetsim.engine.perf;

/**
 * Transformer Engine's FP8 casts of GEMM inputs and output gradients on one rank, as memory-bound
 * kernels: each 16-bit tensor is read once (twice with current scaling, for its amax) and written as
 * an FP8 copy and its transpose. A tensor that sequence parallelism all-gathers (the
 * column-parallel input forward, the row-parallel output gradient backward) is cast on the local
 * {@code rows / tp} shard, row-wise only, and the 1-byte copy is gathered ("All-gather is not
 * supported with FP8 column-wise data", {@code transformer_engine/pytorch/module/linear.py},
 * {@code layernorm_linear.py}); its weight-gradient GEMM then needs the gathered copy transposed
 * ({@code _all_gather_fp8} in {@code transformer_engine/pytorch/distributed.py} creates the
 * transpose after the gather when non-TN FP8 GEMMs are not supported, as on Hopper).
 */
final class Fp8Casts {

    /** FP8 cast and transpose of a 16-bit tensor: read 2 bytes, write the FP8 copy and its transpose (1 + 1). */
    static final double CAST_BYTES = 4;
    /** Current scaling reads the tensor once more for its amax before the cast. */
    static final double AMAX_BYTES = 2;
    /** The transposed copy a cast writes, which a row-wise-only cast leaves out. */
    static final double TRANSPOSE_WRITE_BYTES = 1;
    /** Transposing a gathered FP8 tensor: read 1 byte, write 1. */
    static final double GATHERED_TRANSPOSE_BYTES = 2;

    private final KernelCosts k;
    private final double perElement;
    private final double tp;
    private final boolean sequenceParallel;

    Fp8Casts(KernelCosts k, boolean currentScaling, int tp, boolean sequenceParallel) {
        this.k = k;
        this.perElement = CAST_BYTES + (currentScaling ? AMAX_BYTES : 0);
        this.tp = tp;
        this.sequenceParallel = sequenceParallel && tp > 1;
    }

    /** Cast and transpose of a local tensor of {@code elements}. */
    double local(double elements) {
        return k.elementwise(perElement * elements);
    }

    /**
     * Casts of a tensor of {@code rows × cols} that a GEMM consumes, gathered or not; with
     * {@code wgrad} its transpose feeds a weight-gradient GEMM. Returns the time the cast costs
     * where it is made and, in {@code [1]}, the time of the gathered copy's transpose (backward).
     */
    double[] tensor(double rows, double cols, boolean gathered, boolean wgrad) {
        if (!gathered || !sequenceParallel) {
            return new double[] {local(rows * cols), 0.0};
        }
        double shard = k.elementwise((perElement - TRANSPOSE_WRITE_BYTES) * rows / tp * cols);
        double transpose = wgrad ? k.elementwise(GATHERED_TRANSPOSE_BYTES * rows * cols) : 0.0;
        return new double[] {shard, transpose};
    }
}
