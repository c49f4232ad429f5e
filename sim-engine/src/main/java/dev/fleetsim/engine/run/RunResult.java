package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.LinkRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.ServiceResult;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.util.List;

/**
 * Everything a run produced, ready for the writers and charts. {@code links} holds every
 * network link that carried traffic, by link id (empty with the analytic network); {@code services}
 * what each inference deployment measured (summary, series, request records, latency CDFs).
 */
public record RunResult(ScenarioSpec scenario, RunSummary summary, List<JobRecord> jobs, TimeSeriesTable timeseries,
                        List<DecisionRecord> decisions, List<LinkRecord> links, List<ServiceResult> services) {
    public RunResult {
        jobs = List.copyOf(jobs);
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
}
