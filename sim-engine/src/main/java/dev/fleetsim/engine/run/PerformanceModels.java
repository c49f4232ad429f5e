package dev.fleetsim.engine.run;

import dev.fleetsim.engine.perf.FlowStepModel;
import dev.fleetsim.engine.perf.StepTimeModel;
import dev.fleetsim.engine.perf.TrainingPerfModel;
import dev.fleetsim.engine.scenario.JobFeasibilityCheck;
import dev.fleetsim.engine.scenario.NetworkMode;
import dev.fleetsim.engine.scenario.ScenarioSpec;
import dev.fleetsim.engine.topology.Topology;

import java.util.function.Function;

/**
 * The performance model of every job kind a run uses, each bound to the run's topology when the
 * run starts. A new kind adds its model here. Runs normally take the scenario's
 * ({@link #of(ScenarioSpec)}); tests pass models whose arithmetic they can check by hand.
 *
 * @param training the training step-time model on a topology
 */
public record PerformanceModels(Function<Topology, StepTimeModel> training) {

    /** The training model with the analytic collective model: every job costed alone. */
    public static PerformanceModels analytic() {
        TrainingPerfModel model = new TrainingPerfModel();
        return new PerformanceModels(topology -> model);
    }

    /**
     * The models a scenario asks for: with {@code simulation.network: flow} the training model on
     * the flow-level network (and the run shares links between jobs), with {@code analytic} the
     * training model with the analytic collective model.
     */
    public static PerformanceModels of(ScenarioSpec spec) {
        return spec.simulation().network() == NetworkMode.FLOW ? new PerformanceModels(FlowStepModel::new) : analytic();
    }

    /**
     * The fit check scenario validation applies before any topology is built: each kind's
     * memory model (for training, the memory terms every training step model shares), through
     * the same {@code Admission} a run uses.
     */
    public static JobFeasibilityCheck feasibilityCheck() {
        return JobRuntimes.fit(new TrainingPerfModel())::problems;
    }
}
