package dev.fleetsim.calibration.fit;

/**
 * The measurements cannot determine a parameter of a curve: the message names the curve, the
 * parameter, why, and what to measure. {@code fleetsim calibrate fit} refuses to write a
 * profile rather than invent the value.
 */
public final class UnidentifiableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String curve;
    private final String parameter;

    public UnidentifiableException(String curve, String parameter, String message) {
        super(curve + ": " + message);
        this.curve = curve;
        this.parameter = parameter;
    }

    /** The curve path, e.g. {@code gemm.bf16}. */
    public String curve() {
        return curve;
    }

    /** The parameter that cannot be identified (or the first of two that cannot be told apart). */
    public String parameter() {
        return parameter;
    }
}
