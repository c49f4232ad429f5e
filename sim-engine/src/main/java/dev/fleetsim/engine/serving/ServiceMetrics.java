package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.RequestRecord;
import dev.fleetsim.engine.workload.serving.SloSpec;

/**
 * What one deployment measures while it runs: latency histograms (TTFT, TPOT, inter-token gap,
 * end-to-end, queueing), counts, batch statistics, the series over time and the sample of request
 * records. Bounded memory: histograms and series are fixed-size and the sample has a cap.
 */
final class ServiceMetrics {
    final String service;
    final SloSpec slo;
    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram tpot = new LatencyHistogram();
    final LatencyHistogram itl = new LatencyHistogram();
    final LatencyHistogram e2e = new LatencyHistogram();
    final LatencyHistogram queue = new LatencyHistogram();
    /** TTFTs since the autoscaler last looked. */
    final LatencyHistogram recentTtft = new LatencyHistogram();
    final ServingSeries series;
    final RequestSample sample;
    long arrived;
    long finished;
    long promptTokens;
    long outputTokens;
    long cachedTokens;
    long sloMet;
    long ttftMet;
    long tpotMet;
    long preemptions;
    long kvTransfers;
    double kvTransferBytes;
    double kvTransferNs;
    long iterations;
    double batchSum;
    int batchMax;
    /** GPU-nanoseconds replicas held their GPUs, and spent iterating. */
    double heldGpuNs;
    double busyGpuNs;
    long firstArrivalNs = -1;
    long lastCompletionNs;

    ServiceMetrics(String service, SloSpec slo, long seriesWidthNs, RequestSample sample) {
        this.service = service;
        this.slo = slo;
        this.series = new ServingSeries(seriesWidthNs);
        this.sample = sample;
    }

    void arrived(long nowNs) {
        arrived++;
        if (firstArrivalNs < 0) {
            firstArrivalNs = nowNs;
        }
        series.count(nowNs, ServingSeries.ARRIVALS, 1);
    }

    void firstToken(Request r, long nowNs) {
        ttft.add(nowNs - r.arrivalNs);
        recentTtft.add(nowNs - r.arrivalNs);
    }

    void scheduled(Request r, long nowNs) {
        if (r.scheduledNs < 0) {
            r.scheduledNs = nowNs;
            queue.add(nowNs - r.arrivalNs);
        }
    }

    /** {@code tokens} decodes produced a token {@code gapNs} after their previous one. */
    void decodeGap(long gapNs, int tokens) {
        itl.add(gapNs, tokens);
    }

    void iterationStarted(int batch) {
        iterations++;
        batchSum += batch;
        batchMax = Math.max(batchMax, batch);
    }

    void tokensOut(int tokens, long nowNs) {
        if (tokens > 0) {
            series.count(nowNs, ServingSeries.OUTPUT_TOKENS, tokens);
        }
    }

    void finished(Request r, String replica, long nowNs) {
        finished++;
        promptTokens += r.prompt;
        outputTokens += r.output;
        cachedTokens += r.cachedTokens;
        long ttftNs = r.firstTokenNs - r.arrivalNs;
        double tpotNs = r.output > 1 ? (double) (nowNs - r.firstTokenNs) / (r.output - 1) : 0;
        tpot.add(Math.round(tpotNs));
        e2e.add(nowNs - r.arrivalNs);
        boolean ttftOk = ttftNs <= slo.ttftNs();
        boolean tpotOk = tpotNs <= slo.tpotNs();
        ttftMet += ttftOk ? 1 : 0;
        tpotMet += tpotOk ? 1 : 0;
        sloMet += ttftOk && tpotOk ? 1 : 0;
        lastCompletionNs = nowNs;
        series.count(nowNs, ServingSeries.COMPLETIONS, 1);
        if (ttftOk && tpotOk) {
            series.count(nowNs, ServingSeries.SLO_MET, 1);
        }
        sample.offer(new RequestRecord(service, r.id, replica, r.arrivalNs, r.scheduledNs, r.firstTokenNs, nowNs,
                r.prompt, r.output, r.cachedTokens, r.preemptions, ttftOk && tpotOk));
    }
}
