package dev.fleetsim.cli;

/** A mistake in the user's input: reported as a message, exit code 2, never a stack trace. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
