package dev.fleetsim.engine.hardware;

/**
 * Alpha-beta model of one link class: a transfer of {@code S} bytes takes
 * {@code latency + S / bandwidth}.
 *
 * @param latencyNs the fixed cost (alpha)
 * @param bandwidthBytesPerS the achieved bandwidth of large transfers (1/beta)
 * @param source where the numbers come from
 */
public record LinkCurve(long latencyNs, double bandwidthBytesPerS, String source) {
    public LinkCurve {
        if (latencyNs < 0 || !(bandwidthBytesPerS > 0) || Double.isInfinite(bandwidthBytesPerS)) {
            throw new IllegalArgumentException("link latency must be >= 0 and bandwidth > 0");
        }
        source = source == null ? "" : source;
    }

    public double seconds(double bytes) {
        return latencyNs * 1e-9 + bytes / bandwidthBytesPerS;
    }
}
