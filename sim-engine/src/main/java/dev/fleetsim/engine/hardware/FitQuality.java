package dev.fleetsim.engine.hardware;

/**
 * How well one fitted curve of a calibrated profile matches its measurements.
 *
 * @param r2 coefficient of determination
 * @param points measurements used
 * @param rejected measurements rejected as outliers
 * @param rmsRelativeResidual root-mean-square of (fitted − measured) / measured
 */
public record FitQuality(double r2, int points, int rejected, double rmsRelativeResidual) {
    public FitQuality {
        if (points < 0 || rejected < 0 || !(rmsRelativeResidual >= 0) || Double.isNaN(r2)) {
            throw new IllegalArgumentException("fit quality: points and rejected >= 0, residual >= 0, r2 a number");
        }
    }
}
