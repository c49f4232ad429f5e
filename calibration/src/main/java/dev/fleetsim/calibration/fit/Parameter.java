package dev.fleetsim.calibration.fit;

/**
 * One parameter of a curve fit: bounds, a typical magnitude (the scale of its standard error
 * and of the optimiser's steps), and what to measure when the data cannot identify it.
 *
 * @param name the profile's name for it, e.g. {@code maxEfficiency}
 * @param lower lower bound
 * @param upper upper bound
 * @param scale typical magnitude, > 0: a standard error above a quarter of {@code max(|value|, scale)} means unidentified
 * @param hint what data would identify it, for the refusal message
 */
public record Parameter(String name, double lower, double upper, double scale, String hint) {
    public Parameter {
        if (!(lower < upper) || !(scale > 0)) {
            throw new IllegalArgumentException("parameter " + name + ": need lower < upper and scale > 0");
        }
    }

    double clamp(double v) {
        return Math.max(lower, Math.min(upper, v));
    }
}
