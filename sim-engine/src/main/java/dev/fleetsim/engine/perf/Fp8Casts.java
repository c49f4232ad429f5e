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
 * transpose after the gather when non-TN FP8 GEMMs are not supported, as on Hopper). With current
 * scaling a cast is four kernels ({@code Float8CurrentScalingQuantizer::quantize_impl} in Transformer
 * Engine 2.9 {@code csrc/quantizer.cpp}, kernels in {@code common/recipe/current_scaling.cu}): a
 * one-thread {@code zero_amax_kernel}, the amax reduction over the tensor, a one-thread
 * {@code compute_scale_from_amax_kernel} and the cast; each is at least a launch long on the GPU
 * ({@link KernelCosts}), which the one-thread kernels and small per-expert tensors are.
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
    /** The one-thread kernels of a current-scaling cast, both at the launch floor: zeroing the fp32 amax (4 bytes) ... */
    static final double ZERO_AMAX_BYTES = 4;
    /** ... and computing the scale from it (read the amax, write the scale and its inverse: 12 bytes). */
    static final double SCALE_BYTES = 12;

    private final KernelCosts k;
    private final boolean currentScaling;
    private final double tp;
    private final boolean sequenceParallel;
    /** The zero-amax and compute-scale kernels of one current-scaling cast (0 with delayed scaling). */
    private final double scaleKernelsS;

    Fp8Casts(KernelCosts k, boolean currentScaling, int tp, boolean sequenceParallel) {
        this.k = k;
        this.currentScaling = currentScaling;
        this.tp = tp;
        this.sequenceParallel = sequenceParallel && tp > 1;
        this.scaleKernelsS = currentScaling ? k.elementwise(ZERO_AMAX_BYTES) + k.elementwise(SCALE_BYTES) : 0.0;
    }

    /** Cast and transpose of a local tensor of {@code elements}. */
    double local(double elements) {
        return quantize(CAST_BYTES, elements);
    }

    /** One quantisation writing {@code castBytes} an element (read included); current scaling adds its amax and scale kernels. */
    private double quantize(double castBytes, double elements) {
        double cast = k.elementwise(castBytes * elements);
        return currentScaling ? cast + k.reduction(AMAX_BYTES * elements) + scaleKernelsS : cast;
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
        double shard = quantize(CAST_BYTES - TRANSPOSE_WRITE_BYTES, rows / tp * cols);
        double transpose = wgrad ? k.elementwise(GATHERED_TRANSPOSE_BYTES * rows * cols) : 0.0;
        return new double[] {shard, transpose};
    }
}
