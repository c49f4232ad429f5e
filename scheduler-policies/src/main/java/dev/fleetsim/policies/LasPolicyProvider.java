package dev.fleetsim.policies;

import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.policies.placement.PlacementStrategy;

import java.util.List;
import java.util.Map;

/**
 * Registers {@link LasPolicy} as {@code las}. Parameters: {@code placement}; {@code thresholds},
 * the queue limits in GPU-time written as durations ({@code "1 h, 10 h"} = 1 and 10 GPU-hours,
 * the default); {@code starvation}, the promotion factor (default 10; 0 turns the guard off).
 */
public final class LasPolicyProvider implements PolicyProvider {
    static final String DEFAULT_THRESHOLDS = "1 h, 10 h";
    static final double DEFAULT_STARVATION = 10;

    @Override
    public String name() {
        return "las";
    }

    @Override
    public String description() {
        return "Tiresias-style 2D least attained service (GPU-time), priority queues, preemptive; "
                + "params: placement, thresholds (\"" + DEFAULT_THRESHOLDS + "\" of GPU-time), starvation (" + (int) DEFAULT_STARVATION + ")";
    }

    @Override
    public SchedulingPolicy create(Map<String, Object> params) {
        Params p = new Params(name(), params, List.of("placement", "thresholds", "starvation"));
        long[] thresholdsNs = p.increasingDurationsNs("thresholds", DEFAULT_THRESHOLDS);
        double[] gpuSeconds = new double[thresholdsNs.length];
        for (int i = 0; i < thresholdsNs.length; i++) {
            gpuSeconds[i] = thresholdsNs[i] / 1e9;
        }
        PlacementStrategy placement = p.placement();
        double starvation = p.number("starvation", DEFAULT_STARVATION, 0, 1e6);
        p.check();
        return new LasPolicy(placement, gpuSeconds, starvation);
    }
}
