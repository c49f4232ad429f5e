package dev.fleetsim.engine.pricing;

import java.util.Locale;

/**
 * How a node group is paid for. Rented nodes (on demand, reserved, spot) are billed per GPU-hour
 * for the whole period, busy or not, and their price includes power and the data centre; owned
 * nodes cost their amortised capital, their data-centre space and the energy they draw. Spot
 * nodes are also taken away now and then ({@link SpotTerms}).
 */
public enum Purchase {
    ON_DEMAND, RESERVED_1Y, RESERVED_3Y, SPOT, OWNED;

    /** The scenario spelling: {@code on-demand}, {@code reserved-1y}, {@code reserved-3y}, {@code spot}, {@code owned}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean rented() {
        return this != OWNED;
    }
}
