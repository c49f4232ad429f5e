package dev.fleetsim.engine.workload.serving;

import java.util.Locale;

/**
 * How finely a deployment is simulated. {@code iteration}: every batch iteration of every replica
 * is an event (continuous batching, KV blocks, preemptions, every request's latencies).
 * {@code fluid}: the coarse mode for long planning horizons: each replica runs at the steady state
 * its offered load gives, recomputed when the rate or the replica set changes and at every
 * autoscaler interval, with no event per request or iteration (docs/SERVING.md states its error
 * against the iteration mode).
 */
public enum ServingMode {
    ITERATION, FLUID;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
