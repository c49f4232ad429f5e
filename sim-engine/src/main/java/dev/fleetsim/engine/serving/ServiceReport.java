package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.metrics.ServiceSummary;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

/** Turns a deployment's metrics into its {@link ServiceResult} at the end of a run. */
final class ServiceReport {
    private static final int CDF_POINTS = 200;

    private ServiceReport() {
    }

    static ServiceResult of(ServiceSpec spec, ServiceMetrics m, ReplicaPool pool, Autoscaler autoscaler, long inFlight,
                            long endNs, int points) {
        pool.accountRunning(endNs);
        ServingSeries s = m.series;
        long from = m.firstArrivalNs < 0 ? spec.startNs() : m.firstArrivalNs;
        long to = inFlight > 0 ? endNs : Math.max(from, m.lastCompletionNs);
        double windowS = Math.max(1e-9, (to - from) / 1e9);
        double f = m.finished;
        var requests = new ServiceSummary.Requests(m.arrived, m.finished, inFlight, m.preemptions, m.kvTransfers,
                m.promptTokens > 0 ? (double) m.cachedTokens / m.promptTokens : 0,
                m.kvTransfers > 0 ? m.kvTransferNs / 1e9 / m.kvTransfers : 0);
        var throughput = new ServiceSummary.Throughput(f / windowS, m.promptTokens / windowS, m.outputTokens / windowS,
                m.sloMet / windowS);
        var latency = new ServiceSummary.Latency(m.ttft.summary(), m.tpot.summary(), m.itl.summary(), m.e2e.summary(),
                m.queue.summary());
        var slo = new ServiceSummary.Slo(spec.slo().ttftNs() / 1e9, spec.slo().tpotNs() / 1e9, f > 0 ? m.sloMet / f : 0,
                f > 0 ? m.ttftMet / f : 0, f > 0 ? m.tpotMet / f : 0, spec.slo().attainment());
        double kvTotal = s.integral(ServingSeries.KV_TOTAL);
        long blocks = pool.kvBlocksPerReplica();
        var kv = new ServiceSummary.Kv(blocks, blocks * spec.engine().blockTokens(),
                kvTotal > 0 ? s.integral(ServingSeries.KV_USED) / kvTotal : 0,
                s.peak(ServingSeries.KV_TOTAL) > 0 ? Math.min(1, s.peak(ServingSeries.KV_USED) / s.peak(ServingSeries.KV_TOTAL)) : 0);
        double spanNs = Math.max(1, endNs - spec.startNs());
        var batching = new ServiceSummary.Batching(m.iterations, m.iterations > 0 ? m.batchSum / m.iterations : 0,
                m.batchMax, s.integral(ServingSeries.RUNNING) / spanNs, s.integral(ServingSeries.WAITING) / spanNs,
                s.peak(ServingSeries.WAITING));
        var replicas = new ServiceSummary.Replicas(s.integral(ServingSeries.ACTIVE) / spanNs, pool.peakActive,
                pool.scaleUps, pool.scaleDowns, pool.gpuHours);
        double total = pool.gpuCostUsd + pool.energyCostUsd();
        var cost = new ServiceSummary.Cost(pool.gpuCostUsd, pool.energyKWh, total,
                m.outputTokens > 0 ? total / m.outputTokens * 1e6 : 0,
                m.outputTokens + m.promptTokens > 0 ? total / (m.outputTokens + m.promptTokens) * 1e6 : 0);
        String gpuType = spec.gpuType().orElse(pool.gpuTypeSeen());
        ServiceSummary summary = new ServiceSummary(spec.name(), spec.model().name(), gpuType, spec.tp(), spec.pp(),
                spec.mode().key(), requests, throughput, latency, slo, kv, batching, replicas, cost);
        return new ServiceResult(summary, s.table(endNs, points), m.sample.records(), m.sample.seen(),
                m.ttft.cdf(CDF_POINTS), m.tpot.cdf(CDF_POINTS), m.e2e.cdf(CDF_POINTS), m.itl.cdf(CDF_POINTS));
    }
}
