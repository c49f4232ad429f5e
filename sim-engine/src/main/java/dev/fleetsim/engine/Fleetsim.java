package dev.fleetsim.engine;

import dev.fleetsim.engine.compare.ComparisonResult;
import dev.fleetsim.engine.compare.PolicyComparison;
import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.hardware.HardwareCatalog;
import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.experiment.SweepResult;
import dev.fleetsim.engine.experiment.Sweeps;
import dev.fleetsim.engine.metrics.ResultFolder;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.CollectiveEstimate;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.run.ServingEstimate;
import dev.fleetsim.engine.run.TrainingEstimate;
import dev.fleetsim.engine.scenario.ExperimentSpec;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.ScenarioWriter;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.workload.TenantSpec;
import dev.fleetsim.engine.workload.TrainingJobSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The engine's one façade: every front end (the command line, the desktop app, the planner)
 * validates, estimates, runs, compares and writes results through an instance of this class
 * and reaches into nothing else of the engine's machinery. An instance holds the policies (found
 * by {@link ServiceLoader}), the hardware catalogue scenarios start from, the performance models
 * runs use, and the result-artifact writers (charts; found by {@link ServiceLoader} too, so the
 * engine never depends on a chart library). It is immutable and safe to share between threads;
 * each run is single-threaded and deterministic.
 *
 * <pre>{@code
 * Fleetsim fleetsim = Fleetsim.create();
 * Validation v = fleetsim.validate(Path.of("scenarios/quickstart.yaml"));
 * RunResult result = fleetsim.run(v.orThrow(), observer);
 * fleetsim.writeResults(result, Path.of("runs/quickstart"), true);
 * }</pre>
 */
public final class Fleetsim {
    private final PolicyRegistry policies;
    private final Map<String, GpuSpec> catalogue;
    private final List<ResultArtifacts> artifacts;
    private final ScenarioValidator validator;
    private final ScenarioRunner runner;

    private Fleetsim(Builder b) {
        ClassLoader loader = b.classLoader != null ? b.classLoader : Thread.currentThread().getContextClassLoader();
        this.policies = b.policies != null ? b.policies : PolicyRegistry.load(loader);
        this.catalogue = b.catalogue != null ? b.catalogue : HardwareCatalog.defaults();
        this.artifacts = ResultFolders.writers(b.artifacts, loader);
        this.validator = new ScenarioValidator(catalogue, policies);
        this.runner = new ScenarioRunner(policies, b.models != null ? b.models : PerformanceModels::of);
    }

    /** Sets up the scenario readers' key tables now, so a caller can overlap it with building the façade. */
    public static void prepareScenarioReading() {
        ScenarioLoader.prepare();
    }

    /** The façade with everything found on the class path: policies, result artifacts, the shipped catalogue. */
    public static Fleetsim create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Chooses what an instance holds; anything left unset is found or defaulted as {@link #create()} does. */
    public static final class Builder {
        private PolicyRegistry policies;
        private ClassLoader classLoader;
        private Map<String, GpuSpec> catalogue;
        private Function<ScenarioSpec, PerformanceModels> models;
        private List<ResultArtifacts> artifacts;

        private Builder() {
        }

        /** Where policies and result artifacts are looked up (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        public Builder policies(PolicyRegistry registry) {
            this.policies = registry;
            return this;
        }

        /** The catalogue scenario files override and add to (default: the shipped one). */
        public Builder catalogue(Map<String, GpuSpec> shipped) {
            this.catalogue = Map.copyOf(shipped);
            return this;
        }

        /** The performance models of a scenario's runs (default: {@link PerformanceModels#of}, flow or analytic). */
        public Builder models(Function<ScenarioSpec, PerformanceModels> forScenario) {
            this.models = forScenario;
            return this;
        }

        /** The result-artifact writers, instead of the ones found on the class path (none: {@code List.of()}). */
        public Builder artifacts(List<ResultArtifacts> writers) {
            this.artifacts = List.copyOf(writers);
            return this;
        }

        public Fleetsim build() {
            return new Fleetsim(this);
        }
    }

    public PolicyRegistry policies() {
        return policies;
    }

    /** The result-artifact writers this instance runs, in name order. */
    public List<String> artifactNames() {
        return artifacts.stream().map(ResultArtifacts::name).toList();
    }

    // ---- validation ----

    /** Validates a file in one pass: structure, fit and policy, every problem together. */
    public Validation validate(Path file) {
        return validator.validate(file);
    }

    /** As {@link #validate(Path)} for a layout search: the listed jobs' own layouts left out, no memory check. */
    public Validation validateWithoutLayouts(Path file) {
        return validator.validateWithoutLayouts(file);
    }

    /** Validates scenario text; {@code sourceName} names it in messages ({@code .json}: strict JSON). */
    public Validation validate(String text, String sourceName) {
        return validator.validate(text, sourceName);
    }

    /** Problems with a policy section: its name is registered and the policy accepts its parameters (no tenants). */
    public List<Problem> policyProblems(PolicySpec policy) {
        return policyProblems(policy, List.of());
    }

    /**
     * Problems with a policy section under the scenario's tenants: every policy it names (its own
     * and those of {@code paramsByPolicy}) is registered and accepts the parameters given for it.
     */
    public List<Problem> policyProblems(PolicySpec policy, List<TenantSpec> tenants) {
        return validator.policyProblems(policy, tenants);
    }

    /** For each label of a comparison ({@code fifo}, {@code fifo:topology-aware}), the problems of its policy on {@code spec}. */
    public Map<String, List<Problem>> comparisonProblems(ScenarioSpec spec, List<String> labels) {
        return validator.comparisonProblems(spec, labels);
    }

    // ---- estimate ----

    /**
     * The ideal estimate of a scenario's one listed training job: its first-fit placement on the
     * idle cluster and the step-time breakdown there, the same figures a run records as the job's
     * ideal iteration time.
     *
     * @throws IllegalArgumentException when the scenario does not hold exactly one listed training job and no generator
     * @throws dev.fleetsim.engine.run.JobNotPlaceableException when no GPU type can hold the job
     */
    public TrainingEstimate estimate(ScenarioSpec spec) {
        return estimate(spec, estimateJob(spec));
    }

    /** The ideal estimate of any training job on the scenario's cluster, under the scenario's models. */
    public TrainingEstimate estimate(ScenarioSpec spec, TrainingJobSpec job) {
        return runner.estimate(spec, job);
    }

    /**
     * The best parallel layouts of a scenario's one listed training job's model and batch on {@code gpus} GPUs of
     * its cluster (from the first GPU), by tokens/s per GPU ({@link dev.fleetsim.engine.perf.LayoutSearch}); polls {@code cancelled}.
     * @throws IllegalArgumentException when the scenario does not hold exactly one listed training job,
     *         or {@code gpus} is not between 1 and the cluster's GPUs
     */
    public dev.fleetsim.engine.perf.LayoutSearch.Result searchLayouts(ScenarioSpec spec, int gpus, int limit,
                                                                     BooleanSupplier cancelled) {
        return runner.searchLayouts(spec, gpus, limit, cancelled);
    }

    /** The one listed training job of an estimate scenario; IllegalArgumentException when it has not exactly one. */
    public TrainingJobSpec estimateJob(ScenarioSpec spec) {
        return ScenarioRunner.estimateJob(spec);
    }

    /** A deployment's latency at a rate and its highest rate within the objectives ({@link ServingEstimate#of}). */
    public ServingEstimate estimateServing(ScenarioSpec spec, Optional<String> service, double ratePerS, long requests) {
        return ServingEstimate.of(spec, ServingEstimate.chosen(spec, service), ratePerS, requests);
    }

    /**
     * One collective on an idle cluster at a range of sizes, nccl-tests style, under the flow-level
     * network model ({@code fleetsim estimate collective}); the catalogue is this instance's.
     *
     * @throws IllegalArgumentException when the algorithm cannot run on these ranks
     */
    public CollectiveEstimate estimateCollective(CollectiveEstimate.Request request) {
        return CollectiveEstimate.of(request, catalogue);
    }

    // ---- run and compare ----

    /**
     * Runs a validated scenario with its policy, watched by {@code observer}.
     *
     * @throws RunCancelledException when the observer cancels
     * @throws IllegalArgumentException when the policy is not registered or refuses its parameters
     * @throws dev.fleetsim.engine.run.RunRefusedException when the run would not fit in the heap, or (without a
     *         horizon) its jobs would outlast the simulated clock
     */
    public RunResult run(ScenarioSpec spec, SimulationObserver observer) {
        return runner.run(spec, observer);
    }

    /**
     * Runs the scenario under every policy label × seed on {@code threads} threads, results by
     * position (the thread count changes nothing); today's {@link PolicyComparison}.
     *
     * @throws RunCancelledException when {@code observer} cancels
     * @throws IllegalArgumentException for an unknown policy
     * @throws dev.fleetsim.engine.run.RunRefusedException when the runs going on at once would not fit in the heap
     */
    public ComparisonResult compare(ScenarioSpec spec, List<String> labels, List<Long> seeds, int threads,
                                    SweepObserver observer) {
        return runner.compare(spec, labels, seeds, threads, observer);
    }

    // ---- experiments (sweeps) ----

    /**
     * Validates an experiment file in one pass: its own keys, its base scenario (a file beside it,
     * or inline), and every point of the cartesian product of its axes, each point's scenario
     * validated as a scenario file is (docs/SWEEPS.md). Nothing runs.
     */
    public ExperimentValidation validateExperiment(Path file) {
        return validator.validateExperiment(file);
    }

    /** Validates experiment text; a relative scenario path in it is read from {@code baseDir}. */
    public ExperimentValidation validateExperiment(String text, String sourceName, Path baseDir) {
        return validator.validateExperiment(text, sourceName, baseDir);
    }

    /** The plan of a validated experiment spec (an experiment built in code). */
    public ExperimentValidation plan(ExperimentSpec spec) {
        return validator.plan(spec);
    }

    /** The resolved experiment file of a plan: base scenario inline, every axis in full; it validates to the same plan. */
    public String resolvedExperiment(ExperimentPlan plan) {
        return validator.resolvedExperiment(plan);
    }

    /**
     * Runs (or resumes) a sweep into {@code dir} on {@code threads} threads: every point's folder
     * {@code points/<id>/} is written whole as the point finishes, and a point whose folder already
     * holds its results (same fingerprint) is read, not run again. Results are by position: the
     * thread count and the order points finish in change nothing.
     *
     * @throws RunCancelledException when {@code observer} cancels; finished points stay on disk for a resume
     */
    public SweepResult sweep(ExperimentPlan plan, Path dir, int threads, SweepObserver observer) throws IOException {
        return Sweeps.run(plan, resolvedExperiment(plan), dir, threads, this::run, observer);
    }

    /**
     * Writes a sweep's own files beside its points: {@code sweep.csv}, {@code sweep-summary.csv}, the
     * result artifacts' charts when {@code artifacts}, and {@code sweep.json} last (a folder with it is a
     * complete sweep), each atomically.
     *
     * @throws ResultFolder.Cancelled when {@code cancelled} turned true between two files
     */
    public List<String> writeSweep(SweepResult result, Path dir, boolean artifacts, BooleanSupplier cancelled)
            throws IOException {
        return ResultFolders.sweep(result, dir, artifacts ? this.artifacts : List.of(), cancelled);
    }

    /**
     * Writes a run's complete folder (the files listed at {@link ResultFolders#run}, the artifacts'
     * charts when {@code artifacts}, {@code summary.json} last) into a fresh folder beside {@code dir}
     * that then replaces it ({@link ResultFolder}): a cancel or a failure leaves the old folder as it was.
     *
     * @return the names of the files written, summary first, in the order a listing shows them
     * @throws ResultFolder.Cancelled when {@code cancelled} turned true
     * @throws ResultFolder.NotAResultsFolderException when {@code dir} holds files Fleetsim did not write
     */
    public List<String> writeResults(RunResult result, Path dir, boolean artifacts, BooleanSupplier cancelled)
            throws IOException {
        return ResultFolders.run(result, dir, artifacts ? this.artifacts : List.of(), new ScenarioWriter(catalogue), cancelled);
    }

    /** {@link #writeResults(RunResult, Path, boolean, BooleanSupplier)} that is never cancelled. */
    public List<String> writeResults(RunResult result, Path dir, boolean artifacts) throws IOException {
        return writeResults(result, dir, artifacts, () -> false);
    }

    /** Writes a run's complete folder, with the result artifacts (charts) when the scenario asks for charts. */
    public List<String> writeResults(RunResult result, Path dir) throws IOException {
        return writeResults(result, dir, result.scenario().simulation().charts());
    }

    /**
     * Writes a comparison's folder, as a whole like a run's ({@link ResultFolder}):
     * {@code compare.csv}, {@code compare-summary.csv}, {@code compare-tenants.csv},
     * {@code compare-policies.csv} and, when asked, the artifacts' files (charts).
     */
    public List<String> writeComparison(ComparisonResult result, Path dir, boolean artifacts, BooleanSupplier cancelled)
            throws IOException {
        return ResultFolders.comparison(result, dir, artifacts ? this.artifacts : List.of(), cancelled);
    }

    /** {@link #writeComparison(ComparisonResult, Path, boolean, BooleanSupplier)} that is never cancelled. */
    public List<String> writeComparison(ComparisonResult result, Path dir, boolean artifacts) throws IOException {
        return writeComparison(result, dir, artifacts, () -> false);
    }
}
