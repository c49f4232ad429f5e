package dev.fleetsim.engine.serving;

import dev.fleetsim.engine.workload.serving.AutoscaleSpec;
import dev.fleetsim.engine.workload.serving.ServiceSpec;

import java.util.ArrayDeque;

/**
 * A deployment's autoscaler, the Kubernetes HPA's rule on one metric ({@link AutoscaleSpec}):
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
            double observed = observed(a, backlog);
            desired = (int) Math.ceil(current * observed / a.target() - 1e-9);
        }
        desired = Math.max(a.min(), Math.min(a.max(), desired));
        metrics.recentTtft.clear();
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

    private double observed(AutoscaleSpec a, int backlog) {
        switch (a.metric()) {
            case QUEUE:
                return (double) (pool.waitingInReplicas() + backlog) / Math.max(1, pool.active());
            case TTFT:
                if (metrics.recentTtft.count() == 0) {
                    return backlog > 0 ? 2 * a.target() : 0;
                }
                return metrics.recentTtft.quantile(0.9) / 1e9;
            default:
                return pool.active() == 0 ? (backlog > 0 ? 1 : 0) : pool.meanBusyFraction();
        }
    }
}
