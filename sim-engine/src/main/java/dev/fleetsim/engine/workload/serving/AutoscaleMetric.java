package dev.fleetsim.engine.workload.serving;

import java.util.Locale;

/**
 * What an autoscaler holds at its target, per replica (the Kubernetes HPA rule: desired =
 * ceil(current × observed / target)).
 * <ul>
 * <li>{@code utilisation}: the fraction of the last interval a replica spent iterating;</li>
 * <li>{@code queue}: requests waiting for admission per replica (KEDA-style queue length);</li>
 * <li>{@code ttft}: the 90th percentile of time to first token over the last interval, in seconds.</li>
 * </ul>
 */
public enum AutoscaleMetric {
    UTILISATION, QUEUE, TTFT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
