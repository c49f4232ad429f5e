package dev.fleetsim.calibration.run;

/**
 * A calibration run that cannot proceed for a reason the user can fix (no nvcc, no GPU, an
 * unwritable folder): the message says what and how, without a stack trace.
 */
public final class CalibrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalibrationException(String message) {
        super(message);
    }
}
