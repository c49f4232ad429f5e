package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GemmCurve;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;

import java.util.Optional;

/**
 * What one kernel of an inference iteration costs on one GPU type, read off its hardware profile
 * (docs/HARDWARE-PROFILE.md) like the training model's kernels: a GEMM by its shape and precision
 * (tile and wave quantisation), a fused prefill attention by its keys per query and head
 * dimension, and memory-bound kernels at the profile's fractions of HBM bandwidth (streaming reads
 * for weights and KV cache, element-wise for the rest). Every kernel takes at least the floor the
 * caller gives: the launch latency, or the kernel gap of a replayed CUDA graph. A replica's
 * tensor-parallel group and pipeline stages are one synchronous group, as a training job's GPUs
 * are: its tensor-core work (the compute side of every GEMM and attention kernel) runs at the
 * expected slowest of its GPUs, {@link HardwareProfile#slowestGpuSlowdown} of {@code tp × pp}
 * (1 when the profile has no {@code gemmSpread}); the HBM side stays at the profile's bandwidth.
 */
final class KernelCosts {
    /**
     * The gap between kernels of a replayed CUDA graph (no host launch): about 1 us of GPU-side
     * scheduling, drain and fill, against the profile's host launch latency (4 us by default).
     */
    static final double GRAPH_KERNEL_S = 1e-6;

    private final GpuSpec gpu;
    private final HardwareProfile profile;
    private final int sms;
    private final double readBytesPerS;
    private final double elementwiseBytesPerS;
    private final AttentionKernel attention;
    /** Tensor-core time on the replica's slowest GPU over the profile's: {@link HardwareProfile#slowestGpuSlowdown}. */
    private final double tensorSlowdown;
    /** The profile's curve and the GPU's peak per precision, looked up once. */
    private final GemmCurve[] curves = new GemmCurve[Precision.values().length];
    private final double[] peaks = new double[Precision.values().length];

    /** Kernel costs on a replica of {@code gpus} GPUs of {@code gpu}'s type that run in lockstep (tp × pp). */
    KernelCosts(GpuSpec gpu, Optional<AttentionKernel> kernel, int gpus) {
        this.gpu = gpu;
        this.profile = gpu.profile();
        this.tensorSlowdown = profile.slowestGpuSlowdown(gpus);
        this.sms = profile.identity().smCount();
        this.readBytesPerS = gpu.hbmBandwidthBytesPerS() * profile.memory().read();
        this.elementwiseBytesPerS = gpu.hbmBandwidthBytesPerS() * profile.memory().elementwise();
        for (Precision q : Precision.values()) {
            curves[q.ordinal()] = profile.gemm(q);
            peaks[q.ordinal()] = gpu.peakFlopsPerS(q);
        }
        Precision p = activationPrecision();
        this.attention = kernel.filter(k -> k != AttentionKernel.UNFUSED && profile.attention(k, p).isPresent())
                .or(() -> profile.bestFusedAttention(p)).orElse(AttentionKernel.UNFUSED);
    }

    GpuSpec gpu() {
        return gpu;
    }

    /** The host launch latency of one kernel. */
    double launchS() {
        return profile.launchLatencyNs() * 1e-9;
    }

    /**
     * One {@code m × n × k} GEMM in {@code precision}: activations {@code m × k} at {@code aBytes},
     * weights {@code k × n} at {@code wBytes}, a 16-bit output; the larger of the curve's compute
     * time and the HBM time of the operands (weights streamed once), at least {@code floorS}.
     */
    double gemmSeconds(double m, double n, double k, double aBytes, double wBytes, Precision precision, double floorS) {
        if (m <= 0) {
            return 0;
        }
        GemmCurve curve = curves[precision.ordinal()];
        double compute = tensorSlowdown * curve.computeSeconds(m, n, k, 1, peaks[precision.ordinal()], sms);
        double memory = (m * k * aBytes + k * n * wBytes + m * n * 2) / readBytesPerS;
        return Math.max(floorS, Math.max(compute, memory));
    }

    /**
     * Fused attention of a prefill: {@code flops} of QK^T and PV at the kernel's efficiency for
     * {@code keysPerQuery} and {@code headDim}, or the HBM time of its {@code bytes}. Without a
     * fused curve the two matmuls run at the GEMM curve's rate for a {@code keys × headDim} tile.
     */
    double prefillAttentionSeconds(double flops, double bytes, double keysPerQuery, int headDim, double floorS) {
        if (flops <= 0) {
            return 0;
        }
        Precision p = activationPrecision();
        double peak = gpu.peakFlopsPerS(p);
        double compute;
        Optional<AttentionCurve> c = attention == AttentionKernel.UNFUSED ? Optional.empty() : profile.attention(attention, p);
        if (c.isPresent()) {
            compute = flops / (peak * c.get().forwardEfficiency(Math.max(1, keysPerQuery), headDim));
        } else {
            double keys = Math.max(1, keysPerQuery);
            double oneTile = profile.gemm(p).computeSeconds(keys, keys, headDim, 1, peak, sms);
            compute = flops * oneTile / (2 * keys * keys * headDim);
        }
        return Math.max(floorS, Math.max(tensorSlowdown * compute, bytes / readBytesPerS));
    }

    /** A kernel that streams {@code bytes} from HBM and does {@code flops} of 16-bit math (decode attention). */
    double streamSeconds(double bytes, double flops, double floorS) {
        if (bytes <= 0) {
            return 0;
        }
        Precision p = activationPrecision();
        double compute = tensorSlowdown * flops / (gpu.peakFlopsPerS(p) * profile.gemm(p).maxEfficiency());
        return Math.max(floorS, Math.max(compute, bytes / readBytesPerS));
    }

    /** Element-wise and normalisation kernels moving {@code bytes} (read plus written). */
    double elementwiseSeconds(double bytes, double floorS) {
        return bytes <= 0 ? 0 : Math.max(floorS, bytes / elementwiseBytesPerS);
    }

    /** The 16-bit precision the GPU has for activations and attention. */
    Precision activationPrecision() {
        return gpu.supports(Precision.BF16) ? Precision.BF16 : Precision.FP16;
    }
}
