package dev.fleetsim.engine.run;

import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.MemoryModel;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.perf.TrainingPerfModel;
import dev.fleetsim.engine.scenario.Echo;
import dev.fleetsim.engine.scenario.JobFeasibilityCheck;
import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scenario.Suggestions;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;

import java.util.List;
import java.util.function.Function;

/**
 * The one façade the command line and the desktop app run scenarios through: the default
 * performance model, the memory check the scenario validator applies, the policy check, and
 * the run itself.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /** The step-time model runs use: the training model with the analytic collective model. */
    public static Function<Topology, StepTimeModel> defaultStepModel() {
        TrainingPerfModel model = new TrainingPerfModel();
        return topology -> model;
    }

    /**
     * The step-time model a scenario asks for: with {@code simulation.network: flow} the training
     * model on the flow-level network (and the run shares links between jobs), with
     * {@code analytic} the training model with the analytic collective model.
     */
    public static Function<Topology, StepTimeModel> stepModel(ScenarioSpec spec) {
        return spec.simulation().network() == NetworkMode.FLOW ? FlowStepModel::new : defaultStepModel();
    }

    /** Rejects, at validation, a job whose per-GPU memory overflows HBM, naming the largest term and the overflow. */
    public static JobFeasibilityCheck feasibilityCheck() {
        return MemoryModel::problems;
    }

    /** Problems with the scenario's policy name or parameters, each starting with its path. */
    public static List<String> policyProblems(ScenarioSpec spec, PolicyRegistry registry) {
        PolicyProvider provider = registry.providers().get(spec.policy().name());
        if (provider == null) {
            return List.of("policy.name: found " + Echo.quoted(spec.policy().name()) + "; expected a registered policy: "
                    + Suggestions.oneOf(spec.policy().name(), registry.names()));
        }
        try {
            provider.create(spec.policy().params());
            return List.of();
        } catch (IllegalArgumentException e) {
            return java.util.Arrays.stream(e.getMessage().split("\n")).map(line -> "policy.params." + line).toList();
        }
    }

    public static RunResult run(ScenarioSpec spec, PolicyRegistry registry, RunControl control) {
        return run(spec, registry, stepModel(spec), control);
    }

    public static RunResult run(ScenarioSpec spec, PolicyRegistry registry, Function<Topology, StepTimeModel> stepModel,
                                RunControl control) {
        RunFootprint.check(spec);
        PolicyProvider provider = registry.get(spec.policy().name());
        SchedulingPolicy policy = provider.create(spec.policy().params());
        return new TrainingSimulation(spec, provider.name(), policy, stepModel).run(control);
    }
}
