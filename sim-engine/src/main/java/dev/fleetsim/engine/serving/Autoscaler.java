package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.AutoscaleSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayDeque;

/**
 * A deployment's autoscaler, the Kubernetes HPA's rule on one metric ({@link AutoscaleSpec},
 * {@link dev.fleetsim.engine.workload.serving.AutoscaleMetric}), averaged over its interval:
 * every interval, {@code desired = ceil(current × observed / target)} within [min, max]; more
 * replicas at once, fewer only as many as the largest decision of the last
 * {@code scaleDownDelay} allows. A deployment without an autoscaler still ticks at this interval
 * (60 s) to report its replicas' compute fractions.
 */
final class Autoscaler {
    static final long REPORT_INTERVAL_NS = 60_000_000_000L;

    private final ServiceSpec service;
    private final ReplicaPool pool;
    private final ServiceMetrics metrics;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();
    private final double[] last = new double[4];
    private long lastNs;

    Autoscaler(ServiceSpec service, ReplicaPool pool, ServiceMetrics metrics) {
        this.service = service;
        this.pool = pool;
        this.metrics = metrics;
    }

    long intervalNs() {
        return service.autoscale().map(AutoscaleSpec::intervalNs).orElse(REPORT_INTERVAL_NS);
    }

    void decide(long nowNs, int backlog, long inFlight) {
        if (service.autoscale().isEmpty()) {
            metrics.recentTtft.clear();
            return;
        }
        AutoscaleSpec a = service.autoscale().get();
        int current = pool.current();
        int desired;
        if (current == 0) {
            desired = inFlight > 0 ? Math.max(1, a.min()) : a.min();
        } else {
            double observed = observed(a, backlog, nowNs);
            desired = (int) Math.ceil(current * observed / a.target() - 1e-9);
        }
        desired = Math.max(a.min(), Math.min(a.max(), desired));
        metrics.recentTtft.clear();
        mark(nowNs);
        recent.addLast(new long[] {nowNs, desired});
        while (!recent.isEmpty() && recent.peekFirst()[0] < nowNs - a.scaleDownDelayNs()) {
            recent.pollFirst();
        }
        long allowedDown = desired;
        for (long[] d : recent) {
            allowedDown = Math.max(allowedDown, d[1]);
        }
        if (desired > current) {
            pool.scaleUp(desired - current, nowNs);
        } else if (allowedDown < current) {
            pool.scaleDown((int) (current - allowedDown), nowNs);
        }
    }

    private double observed(AutoscaleSpec a, int backlog, long nowNs) {
        ServingSeries s = metrics.series;
        double spanNs = Math.max(1, nowNs - lastNs);
        double running = (s.integral(ServingSeries.RUNNING, nowNs) - last[0]) / spanNs;
        double waiting = (s.integral(ServingSeries.WAITING, nowNs) - last[1]) / spanNs;
        double kvUsed = s.integral(ServingSeries.KV_USED, nowNs) - last[2];
        double kvTotal = s.integral(ServingSeries.KV_TOTAL, nowNs) - last[3];
        int active = Math.max(1, pool.active());
        switch (a.metric()) {
            case QUEUE:
                return waiting / active;
            case KV:
                return kvTotal > 0 ? kvUsed / kvTotal : (backlog > 0 ? 1 : 0);
            case TTFT:
                if (metrics.recentTtft.count() == 0) {
                    return backlog > 0 ? 2 * a.target() : 0;
                }
                return metrics.recentTtft.quantile(0.9) / 1e9;
            default:
                return (running + waiting) / active;
        }
    }

    /** Remembers the series' integrals at a decision, so the next one averages over its own interval. */
    private void mark(long nowNs) {
        ServingSeries s = metrics.series;
        last[0] = s.integral(ServingSeries.RUNNING, nowNs);
        last[1] = s.integral(ServingSeries.WAITING, nowNs);
        last[2] = s.integral(ServingSeries.KV_USED, nowNs);
        last[3] = s.integral(ServingSeries.KV_TOTAL, nowNs);
        lastNs = nowNs;
    }
}
