package dev.fleetsim.engine.experiment;

/** A point of a sweep failed with a checked exception (an I/O error writing its files); the cause says which. */
public final class SweepPointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepPointException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
