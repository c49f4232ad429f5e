package dev.fleetsim.engine.run;

import dev.fleetsim.engine.metrics.DecisionRecord;
import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.TimeSeriesTable;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.util.List;

/** Everything a run produced, ready for the writers and charts. */
public record RunResult(ScenarioSpec scenario, RunSummary summary, List<JobRecord> jobs, TimeSeriesTable timeseries,
                        List<DecisionRecord> decisions) {
    public RunResult {
        jobs = List.copyOf(jobs);
        decisions = List.copyOf(decisions);
    }
}
