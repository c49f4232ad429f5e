package dev.fleetsim.engine.metrics;

/**
 * Headline figures of one inference deployment (an entry of {@code summary.json}'s {@code services}),
 * in groups like the run's. Rates are over the deployment's active window (its first arrival to
 * its last completion, or the horizon).
 *
 * @param mode iteration or fluid
 */
public record ServiceSummary(String name, String model, String gpuType, int tp, int pp, String mode,
                             Requests requests, Throughput throughput, Latency latency, Slo slo, Kv kv,
                             Batching batching, Replicas replicas, Cost cost) {

    /**
     * @param unfinished requests arrived and not finished at the end (only with a horizon)
     * @param preemptions times a request was preempted (KV cache full, or its replica stopped)
     * @param kvTransfers KV caches sent from a prefill to a decode replica (disaggregation)
     * @param prefixHitShare prompt tokens served from cached prefixes over all prompt tokens
     * @param kvTransferMeanS mean seconds a KV cache took from prefill to decode replica (0 without moves):
     *                        on the flow network, longer beside other jobs' traffic
     */
    public record Requests(long arrived, long finished, long unfinished, long preemptions, long kvTransfers,
                           double prefixHitShare, double kvTransferMeanS) {
    }

    /** @param goodputRequestsPerS finished requests that met both objectives, per second */
    public record Throughput(double requestsPerS, double inputTokensPerS, double outputTokensPerS,
                             double goodputRequestsPerS) {
    }

    /**
     * @param ttftS time to first token
     * @param tpotS time per output token after the first, per request
     * @param itlS gap between consecutive tokens, per token
     * @param e2eS arrival to last token
     * @param queueS arrival to first scheduled on a replica
     */
    public record Latency(LatencySummary ttftS, LatencySummary tpotS, LatencySummary itlS, LatencySummary e2eS,
                          LatencySummary queueS) {
    }

    /**
     * @param attainment finished requests meeting both objectives over finished requests
     * @param target the attainment the objectives ask for
     */
    public record Slo(double ttftTargetS, double tpotTargetS, double attainment, double ttftAttainment,
                      double tpotAttainment, double target) {
    }

    /**
     * @param blocksPerReplica KV blocks one replica holds
     * @param tokensPerReplica tokens they hold
     * @param meanUtilisation blocks in use over blocks held, time-weighted
     * @param peakUtilisation the largest blocks-in-use share of the deployment's KV at any instant
     */
    public record Kv(long blocksPerReplica, long tokensPerReplica, double meanUtilisation, double peakUtilisation) {
    }

    /**
     * @param meanBatch running requests per iteration
     * @param meanRunning running requests over time (time-weighted, all replicas)
     * @param meanWaiting requests waiting for admission (replicas' queues and the router's), time-weighted
     */
    public record Batching(long iterations, double meanBatch, int maxBatch, double meanRunning, double meanWaiting,
                           double peakWaiting) {
    }

    /** @param gpuHours GPU-hours the replicas held */
    public record Replicas(double meanActive, int peakActive, long scaleUps, long scaleDowns, double gpuHours) {
    }

    /**
     * @param usdPerMillionOutputTokens (GPU cost + energy) per million output tokens
     * @param usdPerMillionTokens the same per million prompt and output tokens
     */
    public record Cost(double gpuCostUsd, double energyKWh, double totalCostUsd, double usdPerMillionOutputTokens,
                       double usdPerMillionTokens) {
    }
}
