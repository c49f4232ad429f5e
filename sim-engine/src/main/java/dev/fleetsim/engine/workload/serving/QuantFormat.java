package dev.fleetsim.engine.workload.serving;

import dev.fleetsim.engine.hardware.Precision;

import java.util.Locale;

/**
 * How a deployment stores its weights or its KV cache. {@code fp8} weights run FP8 GEMMs (the
 * GPU must support fp8); {@code int8} and {@code int4} are weight-only quantisation (W8A16,
 * W4A16: the weights are dequantised in the GEMM's main loop, which computes in 16-bit), so they
 * cut the bytes a decode step reads but not the FLOPs of a prefill.
 */
public enum QuantFormat {
    BF16(2, Precision.BF16), FP16(2, Precision.FP16), FP8(1, Precision.FP8), INT8(1, Precision.BF16),
    INT4(0.5, Precision.BF16);

    private final double bytesPerElement;
    private final Precision compute;

    QuantFormat(double bytesPerElement, Precision compute) {
        this.bytesPerElement = bytesPerElement;
        this.compute = compute;
    }

    /** Bytes one stored element takes (int4: half a byte). */
    public double bytesPerElement() {
        return bytesPerElement;
    }

    /** The precision the GEMMs run in with weights in this format. */
    public Precision computePrecision() {
        return compute;
    }

    /** The lower-case name scenario files use. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
