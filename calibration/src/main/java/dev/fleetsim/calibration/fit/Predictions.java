package dev.fleetsim.calibration.fit;

import dev.fleetsim.calibration.raw.AttentionPoint;
import dev.fleetsim.calibration.raw.GemmPoint;
import dev.fleetsim.engine.hardware.AttentionCurve;
import dev.fleetsim.engine.hardware.AttentionKernel;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareProfile;
import dev.fleetsim.engine.hardware.Precision;

import java.util.Optional;

/**
 * What a profile predicts for a measured point, through the profile records' own formulas:
 * the report charts these beside the measurements and the drift check compares them.
 */
public final class Predictions {
    private Predictions() {
    }

    /** Memory bandwidth GEMMs are floored by: HBM times the copy fraction. */
    public static double gemmMemoryBytesPerS(HardwareProfile p, GpuSpec spec) {
        return spec.hbmBandwidthBytesPerS() * p.memory().copy();
    }

    /** Time of {@code batch} GEMMs of {@code m x n x k} in {@code precision}. */
    public static double gemmSeconds(HardwareProfile p, GpuSpec spec, Precision precision, double m, double n, double k, double batch) {
        return gemmSeconds(p, spec, precision, m, n, k, batch, false);
    }

    /** As {@link #gemmSeconds(HardwareProfile, GpuSpec, Precision, double, double, double, double)}, with a split accumulator if {@code split}. */
    public static double gemmSeconds(HardwareProfile p, GpuSpec spec, Precision precision, double m, double n, double k, double batch,
                                     boolean split) {
        return p.gemm(precision).seconds(m, n, k, batch, spec.peakFlopsPerS(precision), p.identity().smCount(),
                gemmMemoryBytesPerS(p, spec), precision.bytesPerElement(), GemmFitter.outBytes(precision), p.launchLatencyNs() * 1e-9, split);
    }

    /** A measured GEMM's time from the profile, in the point's accumulation mode (without fast accumulation: the split factor). */
    public static double seconds(HardwareProfile p, GpuSpec spec, GemmPoint g) {
        return gemmSeconds(p, spec, g.dtype(), g.m(), g.n(), g.k(), 1, !g.fastAccumulation());
    }

    /** The fused kernel class cuDNN SDPA is on a GPU of compute capability {@code cc}. */
    public static AttentionKernel fusedKernel(int computeCapability) {
        return computeCapability >= 90 ? AttentionKernel.FLASH3 : AttentionKernel.FLASH2;
    }

    /** Fused attention time from the profile's curve, if it has one for the kernel and precision. */
    public static Optional<Double> fusedSeconds(HardwareProfile p, GpuSpec spec, AttentionKernel kernel, AttentionPoint a) {
        Optional<AttentionCurve> c = p.attention(kernel, a.dtype());
        return c.map(curve -> AttentionFitter.seconds(curve, a, spec.peakFlopsPerS(a.dtype()), p.launchLatencyNs() * 1e-9));
    }

    /**
     * Unfused attention as the compute model costs it (no curve of its own): the batched QK^T
     * ({@code s x s x d}) and PV ({@code s x d x s}) GEMMs from the GEMM curve, and the softmax
     * reading and writing the score matrix in place (2 bytes each way per bf16 score) at the
     * {@code reduction} memory fraction.
     */
    public static double unfusedSeconds(HardwareProfile p, GpuSpec spec, AttentionPoint a) {
        double batch = a.batch() * a.heads();
        double s = a.seq(), d = a.headDim();
        double scoreBytes = batch * s * s * a.dtype().bytesPerElement();
        return gemmSeconds(p, spec, a.dtype(), s, s, d, batch) + 2 * scoreBytes / (spec.hbmBandwidthBytesPerS() * p.memory().reduction())
                + gemmSeconds(p, spec, a.dtype(), s, d, s, batch);
    }
}
