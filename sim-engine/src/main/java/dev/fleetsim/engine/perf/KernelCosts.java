package dev.fleetsim.engine.perf;

import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;
import dev.fleetsim.engine.workload.TrainingJobSpec;

/**
 * Times of single kernels on one GPU type, read off its hardware profile: GEMMs by shape and
 * precision, fused attention by kernel, and memory-bound kernels by class. Every time is at
 * least the profile's launch latency (a kernel shorter than that leaves the GPU waiting on the
 * host). Built once per (job, GPU type) estimate; cheap to build. A job's synchronous steps wait
 * for its slowest GPU: the tensor-core kernels (GEMMs, fused attention) take
 * {@code tensorSlowdown} times the profile's time ({@link HardwareProfile#slowestGpuSlowdown}, 1
 * when the profile has no spread); memory-bound kernels are left at HBM speed.
 */
final class KernelCosts {

    private final GpuSpec gpu;
    private final HardwareProfile profile;
    private final int sms;
    private final double launchS;
    private final double copyBytesPerS;
    private final double elementwiseBytesPerS;
    private final double reductionBytesPerS;
    private final double tensorSlowdown;

    KernelCosts(GpuSpec gpu) {
        this(gpu, 1.0);
    }

    /** Kernel times on the slowest of a job's GPUs: tensor-core work {@code tensorSlowdown} (>= 1) times slower. */
    KernelCosts(GpuSpec gpu, double tensorSlowdown) {
        if (!(tensorSlowdown >= 1.0)) {
            throw new IllegalArgumentException("slowdown must be >= 1: " + tensorSlowdown);
        }
        this.tensorSlowdown = tensorSlowdown;
        this.gpu = gpu;
        this.profile = gpu.profile();
        this.sms = profile.identity().smCount();
        this.launchS = profile.launchLatencyNs() * 1e-9;
        double hbm = gpu.hbmBandwidthBytesPerS();
        this.copyBytesPerS = hbm * profile.memory().copy();
        this.elementwiseBytesPerS = hbm * profile.memory().elementwise();
        this.reductionBytesPerS = hbm * profile.memory().reduction();
    }

    GpuSpec gpu() {
        return gpu;
    }

    HardwareProfile profile() {
        return profile;
    }

    /** The GPU's streaming multiprocessors. */
    int sms() {
        return sms;
    }

    /**
     * {@code batch} GEMMs of {@code m × n × k} in {@code precision} (its input width), writing
     * {@code outBytes} per output element.
     */
    double gemm(Precision precision, double m, double n, double k, double batch, double outBytes) {
        return gemm(precision, m, n, k, batch, outBytes, false);
    }

    /**
     * A gradient GEMM (data or weight gradient) of a linear layer: in FP8 Transformer Engine runs it with
     * a split accumulator ({@code use_split_accumulator} in the dgrad and wgrad {@code MMParams} of its
     * FP8 recipes; the forward GEMM uses fast accumulation), which the profile's curve costs through its
     * {@link GemmCurve#splitAccumulation} factor.
     */
    double gradGemm(Precision precision, double m, double n, double k, double batch, double outBytes) {
        return gemm(precision, m, n, k, batch, outBytes, precision == Precision.FP8);
    }

    /** One gradient GEMM; see {@link #gradGemm(Precision, double, double, double, double, double)}. */
    double gradGemm(Precision precision, double m, double n, double k, double outBytes) {
        return gradGemm(precision, m, n, k, 1, outBytes);
    }

    private double gemm(Precision precision, double m, double n, double k, double batch, double outBytes, boolean split) {
        if (m <= 0 || n <= 0 || k <= 0 || batch <= 0) {
            return 0.0;
        }
        GemmCurve curve = profile.gemm(precision);
        double t = curve.seconds(m, n, k, batch, gpu.peakFlopsPerS(precision), sms, copyBytesPerS,
                precision.bytesPerElement(), outBytes, launchS, split);
        return tensorSlowdown == 1.0 ? t : Math.max(launchS, t * tensorSlowdown);
    }

    /** The attention implementation {@code job} runs on this GPU type: the one it asks for if the profile has it, else the best fused one. */
    AttentionKernel attentionKernel(TrainingJobSpec job) {
        if (job.options().attentionKernel().isPresent()) {
            AttentionKernel asked = job.options().attentionKernel().get();
            if (asked == AttentionKernel.UNFUSED || profile.attention(asked, Precision.BF16).isPresent()) {
                return asked;
            }
        }
        if (!job.flashAttention()) {
            return AttentionKernel.UNFUSED;
        }
        return profile.bestFusedAttention(Precision.BF16).orElse(AttentionKernel.UNFUSED);
    }

    /** One GEMM. */
    double gemm(Precision precision, double m, double n, double k, double outBytes) {
        return gemm(precision, m, n, k, 1, outBytes);
    }

    /** Forward fused attention of {@code flops} with {@code keys} keys per query and head dimension {@code headDim}. */
    double attentionForward(AttentionKernel kernel, Precision precision, double flops, double keys, double headDim) {
        AttentionCurve c = curve(kernel, precision);
        return Math.max(launchS, tensorSlowdown * flops / (gpu.peakFlopsPerS(precision) * c.forwardEfficiency(keys, headDim)));
    }

    /** Backward fused attention: 2.5× the forward FLOPs (the scores are recomputed) at the backward efficiency. */
    double attentionBackward(AttentionKernel kernel, Precision precision, double forwardFlops, double keys, double headDim) {
        AttentionCurve c = curve(kernel, precision);
        return Math.max(launchS, tensorSlowdown * 2.5 * forwardFlops
                / (gpu.peakFlopsPerS(precision) * c.backwardEfficiency(keys, headDim)));
    }

    private AttentionCurve curve(AttentionKernel kernel, Precision precision) {
        return profile.attention(kernel, precision)
                .or(() -> profile.attention(kernel, Precision.BF16))
                .orElseThrow(() -> new IllegalArgumentException(gpu.name() + "'s profile has no " + kernel.key()
                        + " attention curve"));
    }

    /** An element-wise kernel moving {@code bytes} (read + written). */
    double elementwise(double bytes) {
        return bytes <= 0 ? 0.0 : Math.max(launchS, bytes / elementwiseBytesPerS);
    }

    /** A kernel with a reduction per row (norm, softmax, cross-entropy, amax) moving {@code bytes}. */
    double reduction(double bytes) {
        return bytes <= 0 ? 0.0 : Math.max(launchS, bytes / reductionBytesPerS);
    }

    /** A layout copy or a streaming pass over many tensors (the optimizer) moving {@code bytes}. */
    double copy(double bytes) {
        return bytes <= 0 ? 0.0 : Math.max(launchS, bytes / copyBytesPerS);
    }

    double peakFlopsPerS(Precision precision) {
        return gpu.peakFlopsPerS(precision);
    }
}
