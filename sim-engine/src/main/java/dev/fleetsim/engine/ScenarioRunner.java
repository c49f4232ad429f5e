package dev.fleetsim.engine;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.compare.PolicyComparison;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.perf.LayoutSearch;
import dev.fleetsim.engine.run.ClusterRun;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunFootprint;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.run.TrainingEstimate;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.topology.Topology;
import dev.fleetsim.engine.workload.JobSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The façade's runs, comparisons and training estimates of a validated scenario under the
 * instance's policies and performance models, each run checked against the heap first
 * ({@link RunFootprint}). {@link Fleetsim} delegates to it; see its methods for the contracts.
 */
final class ScenarioRunner {
    private final PolicyRegistry policies;
    private final Function<ScenarioSpec, PerformanceModels> models;

    ScenarioRunner(PolicyRegistry policies, Function<ScenarioSpec, PerformanceModels> models) {
        this.policies = policies;
        this.models = models;
    }

    RunResult run(ScenarioSpec spec, SimulationObserver observer) {
        RunFootprint.check(spec, 1);
        PolicyProvider provider = policies.get(spec.policy().name());
        return new ClusterRun(spec, provider.name(), provider.create(spec.policy().params(), spec.tenants()),
                models.apply(spec)).run(observer);
    }

    ComparisonResult compare(ScenarioSpec spec, List<String> labels, List<Long> seeds, int threads,
                             SweepObserver observer) {
        for (String label : labels) {
            policies.get(PolicyComparison.policyName(label));
        }
        // Runs go on at once on the threads, each with its own cluster and jobs: the heap must hold them all.
        RunFootprint.check(spec, Math.max(1, Math.min(threads, labels.size() * seeds.size())));
        return PolicyComparison.run(spec, labels, seeds, threads, this::run, observer);
    }

    TrainingEstimate estimate(ScenarioSpec spec, TrainingJobSpec job) {
        return TrainingEstimate.of(spec, models.apply(spec), job);
    }

    LayoutSearch.Result searchLayouts(ScenarioSpec spec, int gpus, int limit, BooleanSupplier cancelled) {
        return new LayoutSearch().search(estimateJob(spec), Topology.build(spec.cluster(), spec.hardware()), gpus,
                limit, cancelled);
    }

    /** The one listed training job of an estimate scenario; IllegalArgumentException when it has not exactly one. */
    static TrainingJobSpec estimateJob(ScenarioSpec spec) {
        List<JobSpec> jobs = spec.workload().jobs();
        int generators = spec.workload().generators().size() + spec.workload().traceGenerators().size();
        if (jobs.size() != 1 || generators != 0 || !(jobs.get(0) instanceof TrainingJobSpec)) {
            throw new IllegalArgumentException("workload: found " + jobs.size() + " listed jobs and " + generators
                    + " generators; expected exactly one training job in workload.jobs and no generators"
                    + " (estimate costs one job alone)");
        }
        return (TrainingJobSpec) jobs.get(0);
    }
}
