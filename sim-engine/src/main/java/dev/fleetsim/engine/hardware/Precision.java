package dev.fleetsim.engine.hardware;

import java.util.Locale;

/** Numeric formats a GPU computes in; the physical set is closed, so an enum is right here. */
public enum Precision {
    FP32(4), TF32(4), BF16(2), FP16(2), FP8(1);

    private final int bytesPerElement;

    Precision(int bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    /** Bytes one stored element takes (TF32 is stored as FP32). */
    public int bytesPerElement() {
        return bytesPerElement;
    }

    /** The lower-case name used in scenario files and the hardware catalogue. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
