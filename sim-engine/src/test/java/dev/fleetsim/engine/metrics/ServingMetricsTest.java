package dev.fleetsim.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serving metrics of comparisons and sweeps, by hand over two services, and only where a run has services. */
class ServingMetricsTest {

    /** A service with {@code finished} requests, its attainment, p99 TTFT and TPOT, goodput, GPU-hours, cost and price. */
    static ServiceSummary service(String name, long finished, double attainment, double p99TtftS, double p99TpotS,
                                  double goodput, double gpuHours, double costUsd, double usdPerMillionOut) {
        LatencySummary ttft = new LatencySummary(finished, p99TtftS / 2, p99TtftS / 3, p99TtftS / 1.5, p99TtftS, p99TtftS * 2);
        LatencySummary tpot = new LatencySummary(finished, p99TpotS / 2, p99TpotS / 3, p99TpotS / 1.5, p99TpotS, p99TpotS * 2);
        return new ServiceSummary(name, "llama3-8b", "H100-SXM", 1, 1, "iteration",
                new ServiceSummary.Requests(finished, finished, 0, 0, 0, 0, 0),
                new ServiceSummary.Throughput(1, 100, 100, goodput),
                new ServiceSummary.Latency(ttft, tpot, tpot, ttft, LatencySummary.EMPTY),
                new ServiceSummary.Slo(1, 0.1, attainment, attainment, attainment, 0.9),
                new ServiceSummary.Kv(100, 1600, 0.1, 0.2), new ServiceSummary.Batching(10, 1, 2, 1, 0, 0),
                new ServiceSummary.Replicas(1, 1, 0, 0, gpuHours), new ServiceSummary.Cost(costUsd, 0, costUsd,
                usdPerMillionOut, usdPerMillionOut / 2));
    }

    static RunSummary summary(List<ServiceSummary> services) {
        Distribution none = Distribution.of(new double[0]);
        return new RunSummary("s", 1, "fifo", 8, new RunSummary.Counts(0, 0, 0, 0, 0, 0, 0),
                new RunSummary.Times(0, none, none, none, none, new RunSummary.Censoring(null, 0, 0, "")),
                new RunSummary.Utilisation(0, 0, 0), new RunSummary.Cost(0, 0, 0, 0),
                new RunSummary.Tenants(null, Map.of()), RunSummary.Reliability.NONE, new RunSummary.Kernel(0, 0, 0), services);
    }

    static double value(String name, RunSummary s) {
        return SummaryMetric.find(name).orElseThrow().value().applyAsDouble(s);
    }

    @Test
    void twoServicesCombineByRequestsWorstTailAndSums() {
        // a: 300 requests, 90 % met, $30 at $2/M output tokens (15 M tokens); b: 100 requests, 50 % met, $10 at $1/M (10 M).
        RunSummary s = summary(List.of(service("a", 300, 0.9, 0.4, 0.02, 9, 3, 30, 2),
                service("b", 100, 0.5, 0.8, 0.01, 1, 1, 10, 1)));
        assertEquals((0.9 * 300 + 0.5 * 100) / 400, value("slo_attainment", s), 1e-12);
        assertEquals(0.8, value("p99_ttft_s", s), 1e-12, "the worse service's p99");
        assertEquals(0.02, value("p99_tpot_s", s), 1e-12);
        assertEquals(10, value("goodput_rps", s), 1e-12);
        assertEquals(4, value("serving_gpu_hours", s), 1e-12);
        assertEquals(40.0 / 25, value("usd_per_million_output_tokens", s), 1e-12, "$40 over 25 M output tokens");
    }

    @Test
    void servingMetricsAreShownOnlyForRunsWithServices() {
        RunSummary training = summary(List.of());
        RunSummary serving = summary(List.of(service("a", 10, 1, 0.1, 0.01, 1, 1, 1, 1)));
        assertEquals(SummaryMetric.ALL, SummaryMetric.shown(List.of(training, training)));
        List<SummaryMetric> both = SummaryMetric.shown(List.of(training, serving));
        assertEquals(SummaryMetric.ALL.size() + SummaryMetric.SERVING.size(), both.size());
        assertTrue(both.containsAll(SummaryMetric.SERVING));
        assertTrue(Double.isNaN(value("slo_attainment", training)), "no services: no value (an empty CSV cell)");
        assertTrue(SummaryMetric.names().contains("usd_per_million_output_tokens"), "experiment files may ask for it");
    }
}
