package dev.fleetsim.calibration.fit;

import java.math.BigDecimal;
import java.math.MathContext;

/** Rounding of fitted values before they go into a profile: four significant digits, far below the fit's own error. */
final class Round {
    private Round() {
    }

    static double sig(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(4)).doubleValue();
    }
}
