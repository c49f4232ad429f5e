package dev.fleetsim.engine.hardware;

import java.util.OptionalInt;

/**
 * Alpha-beta model of one collective in one scope as nccl-tests reports it: {@code S} bytes
 * take {@code latency + factor(n) · S / busBandwidth}, with nccl-tests' bus-bandwidth factor
 * ({@code 2(n-1)/n} for all-reduce, {@code (n-1)/n} for all-gather, reduce-scatter and
 * all-to-all, 1 for send/receive).
 *
 * @param latencyNs small-message time (alpha)
 * @param busBandwidthBytesPerS large-message bus bandwidth
 * @param gpus the group size it was measured on, when known
 * @param source where the numbers come from
 */
public record CollectiveCurve(long latencyNs, double busBandwidthBytesPerS, OptionalInt gpus, String source) {
    public CollectiveCurve {
        if (latencyNs < 0 || !(busBandwidthBytesPerS > 0) || Double.isInfinite(busBandwidthBytesPerS)) {
            throw new IllegalArgumentException("collective latency must be >= 0 and bus bandwidth > 0");
        }
        source = source == null ? "" : source;
    }
}
