package dev.fleetsim.engine.run;

import dev.fleetsim.engine.perf.MemoryBreakdown;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.perf.TrainingPerfModel;
import dev.fleetsim.engine.scenario.JobFeasibilityCheck;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.scheduling.PolicyProvider;
import dev.fleetsim.engine.scheduling.PolicyRegistry;
import dev.fleetsim.engine.scheduling.SchedulingPolicy;
import dev.fleetsim.engine.topology.Topology;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one façade the command line and the desktop app run scenarios through: the default
 * performance model, the memory check the scenario validator applies, the policy check, and
 * the run itself.
 */
public final class ScenarioRunner {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private ScenarioRunner() {
    }

    /** The step-time model runs use: the training model with the analytic collective model. */
    public static Function<Topology, StepTimeModel> defaultStepModel() {
        TrainingPerfModel model = new TrainingPerfModel();
        return topology -> model;
    }

    /** Rejects, at validation, a job whose per-GPU memory overflows HBM, naming the largest term and the overflow. */
    public static JobFeasibilityCheck feasibilityCheck() {
        TrainingPerfModel model = new TrainingPerfModel();
        return (job, gpu) -> {
            MemoryBreakdown m = model.memory(job, gpu);
            if (m.fits()) {
                return List.of();
            }
            return List.of(String.format(Locale.ROOT,
                    "does not fit in %s memory: needs %.1f GiB per GPU of %.1f GiB, over by %.1f GiB "
                            + "(weights %.1f, gradients %.1f, optimizer state %.1f, activations %.1f, workspace %.1f GiB; "
                            + "largest: %s)", gpu.name(), m.totalBytes() / GIB, m.capacityBytes() / GIB,
                    m.overflowBytes() / GIB, m.weightsBytes() / GIB, m.gradientsBytes() / GIB, m.optimizerBytes() / GIB,
                    m.activationsBytes() / GIB, m.workspaceBytes() / GIB, m.largestTerm()));
        };
    }

    /** Problems with the scenario's policy name or parameters, each starting with its path. */
    public static List<String> policyProblems(ScenarioSpec spec, PolicyRegistry registry) {
        PolicyProvider provider = registry.providers().get(spec.policy().name());
        if (provider == null) {
            return List.of("policy.name: found '" + spec.policy().name() + "'; expected one of " + String.join(", ", registry.names()));
        }
        try {
            provider.create(spec.policy().params());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("policy.params." + e.getMessage());
        }
    }

    public static RunResult run(ScenarioSpec spec, PolicyRegistry registry, RunControl control) {
        return run(spec, registry, defaultStepModel(), control);
    }

    public static RunResult run(ScenarioSpec spec, PolicyRegistry registry, Function<Topology, StepTimeModel> stepModel,
                                RunControl control) {
        PolicyProvider provider = registry.get(spec.policy().name());
        SchedulingPolicy policy = provider.create(spec.policy().params());
        return new TrainingSimulation(spec, provider.name(), policy, stepModel).run(control);
    }
}
