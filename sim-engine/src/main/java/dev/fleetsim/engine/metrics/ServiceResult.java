package dev.fleetsim.engine.metrics;

import java.util.List;

/**
 * What one deployment produced: its summary, its series over time, the request records kept for
 * {@code requests.csv} ({@code requestsSeen} finished in all, of which {@code requests} is every one
 * or a seeded sample), and latency CDFs as (seconds, cumulative fraction) points for charts.
 */
public record ServiceResult(ServiceSummary summary, TimeSeriesTable series, List<RequestRecord> requests,
                            long requestsSeen, double[][] ttftCdf, double[][] tpotCdf, double[][] e2eCdf,
                            double[][] itlCdf) {
    public ServiceResult {
        requests = List.copyOf(requests);
    }
}
