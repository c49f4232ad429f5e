package dev.fleetsim.engine.workload.serving;

import java.util.Locale;

/**
 * What an autoscaler holds at its target, per replica, over its last interval (the Kubernetes
 * HPA rule: desired = ceil(current × observed / target)). A serving replica is "busy" whenever it
 * holds one request, so the GPU's busy fraction says nothing about headroom; these are the signals
 * LLM autoscalers use instead:
 * <ul>
 * <li>{@code concurrency}: requests running or waiting per replica, time-weighted (KServe's concurrency target);</li>
 * <li>{@code kv}: the share of the KV cache in use, time-weighted (vLLM's gpu_cache_usage_perc);</li>
 * <li>{@code queue}: requests waiting for admission per replica, time-weighted (KEDA-style queue length);</li>
 * <li>{@code ttft}: the 90th percentile of time to first token over the interval, in seconds.</li>
 * </ul>
 */
public enum AutoscaleMetric {
    CONCURRENCY, KV, QUEUE, TTFT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
