package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.AtomicFiles;
import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.JobRecords;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.ResultWriter;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.metrics.ServingCsv;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run produced, ready for the writers and charts. {@code links} holds every
 * network link that carried traffic, by link id (empty with the analytic network); {@code services}
 * what each inference deployment measured (summary, series, request records, latency CDFs).
 */
public record RunResult(ScenarioSpec scenario, RunSummary summary, List<JobRecord> jobs, TimeSeriesTable timeseries,
                        List<DecisionRecord> decisions, List<LinkRecord> links, List<ServiceResult> services) {
    public RunResult {
        // A run's own records are already an unmodifiable list, in columns; a copy would make every record at once.
        jobs = jobs instanceof JobRecords && ((JobRecords) jobs).frozen() ? jobs : List.copyOf(jobs);
        decisions = List.copyOf(decisions);
        links = List.copyOf(links);
        services = List.copyOf(services);
    }

    public RunResult(ScenarioSpec scenario, RunSummary summary, List<JobRecord> jobs, TimeSeriesTable timeseries,
                     List<DecisionRecord> decisions, List<LinkRecord> links) {
        this(scenario, summary, jobs, timeseries, decisions, links, List.of());
    }

    public RunResult(ScenarioSpec scenario, RunSummary summary, List<JobRecord> jobs, TimeSeriesTable timeseries,
                     List<DecisionRecord> decisions) {
        this(scenario, summary, jobs, timeseries, decisions, List.of());
    }

    /**
     * The run's files beyond the ones every run writes ({@link ResultWriter#files}): {@code links.csv}
     * when links carried traffic, the serving CSVs when deployments ran. One place, so a run's folder
     * and a sweep point's full-output folder hold the same files.
     */
    public Map<String, AtomicFiles.Content> modelFiles() {
        Map<String, AtomicFiles.Content> out = new LinkedHashMap<>();
        if (!links.isEmpty()) {
            byte[] bytes = ResultWriter.linksCsv(links).getBytes(StandardCharsets.UTF_8);
            out.put(ResultWriter.LINKS, o -> o.write(bytes));
        }
        if (!services.isEmpty()) {
            byte[] requests = ServingCsv.requests(services).getBytes(StandardCharsets.UTF_8);
            byte[] series = ServingCsv.series(services).getBytes(StandardCharsets.UTF_8);
            out.put(ServingCsv.REQUESTS, o -> o.write(requests));
            out.put(ServingCsv.SERIES, o -> o.write(series));
            byte[] latency = ServingCsv.latencyCdfs(services).getBytes(StandardCharsets.UTF_8);
            out.put(ServingCsv.LATENCY, o -> o.write(latency));
        }
        return Collections.unmodifiableMap(out);
    }
}
