package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.topology.GpuSpec;
import dev.fleetsim.engine.topology.Precision;

/**
 * What one kernel of an inference iteration costs on one GPU type: the roofline of a GEMM, a
 * fused prefill attention, a streaming read (decode attention over the KV cache) and an
 * element-wise pass, each floored by the least time a kernel takes. Today the achieved fractions
 * are the GPU type's catalogue efficiencies (one GEMM and one memory figure, as the training
 * model uses); the hardware profile's curves (GEMM efficiency by shape, fused attention by
 * sequence and head dimension, memory fractions by access class) replace them when they land.
 */
final class KernelCosts {
    /**
     * Host launch latency of one kernel (the CUDA launch path, about 4 us on Hopper), the least
     * time a kernel takes when iterations are launched kernel by kernel.
     */
    static final double LAUNCH_S = 4e-6;
    /**
     * The gap between kernels of a replayed CUDA graph (no host launch): about 1 us of GPU-side
     * scheduling, drain and fill.
     */
    static final double GRAPH_KERNEL_S = 1e-6;

    private final GpuSpec gpu;
    private final double memoryBytesPerS;

    KernelCosts(GpuSpec gpu) {
        this.gpu = gpu;
        this.memoryBytesPerS = gpu.hbmBandwidthBytesPerS() * gpu.efficiency().memory();
    }

    GpuSpec gpu() {
        return gpu;
    }

    /**
     * {@code m × n × k} GEMM in {@code precision}: activations {@code m × k} at {@code aBytes},
     * weights {@code k × n} at {@code wBytes}, output {@code m × n} in 16-bit.
     */
    double gemmSeconds(double m, double n, double k, double aBytes, double wBytes, Precision precision, double floorS) {
        if (m <= 0) {
            return 0;
        }
        double compute = 2 * m * n * k / (gpu.peakFlopsPerS(precision) * gpu.efficiency().matmul());
        double memory = (m * k * aBytes + k * n * wBytes + m * n * 2) / memoryBytesPerS;
        return Math.max(floorS, Math.max(compute, memory));
    }

    /** Fused (flash) attention of a prefill: {@code flops} of QK^T and PV, {@code bytes} of Q, K, V and O traffic. */
    double prefillAttentionSeconds(double flops, double bytes, double keysPerQuery, int headDim, Precision precision,
                                   double floorS) {
        if (flops <= 0) {
            return 0;
        }
        double compute = flops / (gpu.peakFlopsPerS(precision) * gpu.efficiency().matmul());
        return Math.max(floorS, Math.max(compute, bytes / memoryBytesPerS));
    }

    /** A kernel that streams {@code bytes} from HBM and does {@code flops} of 16-bit math (decode attention). */
    double streamSeconds(double bytes, double flops, double floorS) {
        if (bytes <= 0) {
            return 0;
        }
        double compute = flops / (gpu.peakFlopsPerS(Precision.BF16) * gpu.efficiency().matmul());
        return Math.max(floorS, Math.max(compute, bytes / memoryBytesPerS));
    }

    /** Element-wise and normalisation kernels moving {@code bytes} (read plus written). */
    double elementwiseSeconds(double bytes, double floorS) {
        return bytes <= 0 ? 0 : Math.max(floorS, bytes / memoryBytesPerS);
    }

    /** The 16-bit precision the GPU has for activations and attention. */
    Precision activationPrecision() {
        return gpu.supports(Precision.BF16) ? Precision.BF16 : Precision.FP16;
    }
}
