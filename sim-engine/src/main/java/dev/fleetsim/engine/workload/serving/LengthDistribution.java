package dev.fleetsim.engine.workload.serving;

import java.util.Locale;

/** The shape of a token-length distribution; see {@link LengthSpec}. */
public enum LengthDistribution {
    FIXED, UNIFORM, LOGNORMAL, EMPIRICAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
