package dev.fleetsim.calibration.fit;

/**
 * One measurement of a one-dimensional curve.
 *
 * @param where file and line
 * @param label what was measured, for reports
 * @param bytes the size the curve's x axis shows
 * @param x the size the model charges (bytes, or bytes times a bus factor)
 * @param timeS measured time
 */
public record Sample(String where, String label, double bytes, double x, double timeS) {
}
