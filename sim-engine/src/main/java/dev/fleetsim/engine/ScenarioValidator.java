package dev.fleetsim.engine;

import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.hardware.GpuSpec;
import dev.fleetsim.engine.run.PerformanceModels;
import dev.fleetsim.engine.run.RunFootprint;
import dev.fleetsim.engine.scenario.ExperimentLoader;
import dev.fleetsim.engine.scenario.ExperimentSpec;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.Problem;
import dev.fleetsim.engine.scenario.ScenarioChecks;
import dev.fleetsim.engine.scenario.ScenarioException;
import dev.fleetsim.engine.scenario.ScenarioLoader;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.ScenarioWriter;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.workload.TenantSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The façade's validation of scenario and experiment files, texts and specs: the loaders under the
 * façade's catalogue, the fit and policy checks, and the heap check of a run, every problem
 * together in one {@link Validation} or {@link ExperimentValidation}. {@link Fleetsim} delegates to
 * it, so one place decides what a valid input is for every front end.
 */
final class ScenarioValidator {
    private final Map<String, GpuSpec> catalogue;
    private final PolicyChecks policies;

    ScenarioValidator(Map<String, GpuSpec> catalogue, PolicyRegistry policies) {
        this.catalogue = catalogue;
        this.policies = new PolicyChecks(policies);
    }

    Validation validate(Path file) {
        return validation(file.toString(), () -> new ScenarioLoader(catalogue).load(file, checks()));
    }

    Validation validateWithoutLayouts(Path file) {
        return validation(file.toString(), () -> new ScenarioLoader(catalogue).loadWithoutLayouts(file, checks()));
    }

    Validation validate(String text, String sourceName) {
        return validation(sourceName, () -> new ScenarioLoader(catalogue).parse(text, sourceName, checks()));
    }

    List<Problem> policyProblems(PolicySpec policy, List<TenantSpec> tenants) {
        return policies.problems(policy, tenants);
    }

    Map<String, List<Problem>> comparisonProblems(ScenarioSpec spec, List<String> labels) {
        return policies.comparison(spec, labels);
    }

    ExperimentValidation validateExperiment(Path file) {
        return experiment(file.toString(), () -> new ExperimentLoader(catalogue).load(file, checks()));
    }

    ExperimentValidation validateExperiment(String text, String sourceName, Path baseDir) {
        return experiment(sourceName, () -> new ExperimentLoader(catalogue).parse(text, sourceName, baseDir, checks()));
    }

    ExperimentValidation plan(ExperimentSpec spec) {
        return experiment(spec.name(), () -> spec);
    }

    String resolvedExperiment(ExperimentPlan plan) {
        return new ExperimentLoader(catalogue).write(plan.spec());
    }

    private interface ScenarioSource { ScenarioSpec read() throws ScenarioException; }

    /** A scenario that passed the loader's checks, unless a run of it would not fit in this JVM's heap. */
    private static Validation validation(String source, ScenarioSource from) {
        try {
            ScenarioSpec spec = from.read();
            List<Problem> tooLarge = RunFootprint.problems(spec, 1);
            return tooLarge.isEmpty() ? new Validation(source, Optional.of(spec), List.of())
                    : new Validation(source, Optional.empty(), tooLarge);
        } catch (ScenarioException e) {
            return new Validation(e.sourceName(), Optional.empty(), e.problems());
        }
    }

    /** Where an experiment comes from: a file, a text, a spec built in code. */
    private interface ExperimentSource { ExperimentSpec read() throws ScenarioException; }

    private ExperimentValidation experiment(String source, ExperimentSource from) {
        try {
            ExperimentPlan plan = ExperimentPlan.of(from.read(), new ScenarioLoader(catalogue), checks(),
                    (scenario, policy) -> policyProblems(policy, scenario.tenants()), new ScenarioWriter(catalogue));
            return new ExperimentValidation(source, Optional.of(plan), List.of());
        } catch (ScenarioException e) {
            return new ExperimentValidation(source, Optional.empty(), e.problems());
        }
    }

    private ScenarioChecks checks() {
        return new ScenarioChecks(PerformanceModels.feasibilityCheck(), this::policyProblems);
    }
}
