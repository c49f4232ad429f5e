package dev.fleetsim.cli;

/**
 * The last check before a number is printed: a model result that is NaN or infinite is a bug
 * (inputs are bounded so that results are finite), reported as an internal error naming the
 * figure, never printed as "NaN %" or "Infinity s".
 */
final class Finite {

    private Finite() {
    }

    /** {@code value}, or an {@link IllegalStateException} naming {@code what} when it is not finite. */
    static double check(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("the model gave a non-finite " + what + " (" + value
                    + ") for input it accepted; this is a bug");
        }
        return value;
    }
}
