package dev.fleetsim.calibration.fit;

/** Raw measurements that cannot be fitted as given (mixed GPUs, an unknown GPU type): a user error with its message. */
public final class FitInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FitInputException(String message) {
        super(message);
    }
}
