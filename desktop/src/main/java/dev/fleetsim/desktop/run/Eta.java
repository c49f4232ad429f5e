package dev.fleetsim.desktop.run;

import java.util.OptionalLong;

/**
 * The wall time a run still needs, from how far it is and how long it has run (paused time
 * left out): elapsed × (1 − done) / done, once enough is done to say.
 */
public final class Eta {
    static final double MIN_FRACTION = 0.02;

    private Eta() {
    }

    public static OptionalLong remainingNs(double fraction, long elapsedNs) {
        if (!(fraction >= MIN_FRACTION) || fraction >= 1) {
            return fraction >= 1 ? OptionalLong.of(0) : OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(elapsedNs * (1 - fraction) / fraction));
    }
}
