package dev.fleetsim.engine.workload.serving;

/**
 * A deployment's autoscaler: every {@code intervalNs} it compares the metric over the last
 * interval with its target and asks for {@code ceil(replicas × observed / target)} replicas,
 * between {@code min} and {@code max}. More replicas are submitted to the cluster's scheduler at
 * once (they may wait for GPUs, or preempt lower-priority training); a new replica serves
 * {@code scaleUpDelayNs} after it gets its GPUs (model load). Fewer replicas are asked for only
 * when every decision of the last {@code scaleDownDelayNs} asked for fewer (the HPA's
 * stabilisation window); a replica scaled down stops taking requests, finishes the ones it has
 * and releases its GPUs.
 */
public record AutoscaleSpec(int min, int max, AutoscaleMetric metric, double target, long intervalNs,
                            long scaleUpDelayNs, long scaleDownDelayNs) {
    public AutoscaleSpec {
        if (min < 0 || max < Math.max(1, min)) {
            throw new IllegalArgumentException("autoscale needs 0 <= min <= max, max >= 1");
        }
        if (!(target > 0) || intervalNs <= 0 || scaleUpDelayNs < 0 || scaleDownDelayNs < 0) {
            throw new IllegalArgumentException("autoscale target and interval must be positive, delays >= 0");
        }
    }
}
