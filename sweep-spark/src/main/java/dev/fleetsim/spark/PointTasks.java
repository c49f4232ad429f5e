package dev.fleetsim.spark;

import dev.fleetsim.engine.ExperimentValidation;
import dev.fleetsim.engine.Fleetsim;
import dev.fleetsim.engine.experiment.ExperimentPlan;
import dev.fleetsim.engine.experiment.Point;
import dev.fleetsim.engine.experiment.SweepPoints;
import dev.fleetsim.engine.experiment.Sweeps;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.scenario.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The executor's side of a Spark sweep: a point of the resolved experiment run by the engine and
 * rendered as its folder's files ({@link SweepPoints#render}), the same bytes {@code fleetsim sweep}
 * writes. The resolved experiment holds its base scenario inline, so an executor needs no file of
 * the user's; it is validated into a plan once per JVM and kept for the sweep's other tasks.
 */
final class PointTasks {
    /** Plans by resolved experiment text; a JVM serves one sweep at a time, rarely more. */
    private static final int KEPT = 4;
    private static final Map<String, ExperimentPlan> PLANS = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExperimentPlan> eldest) {
            return size() > KEPT;
        }
    };

    private PointTasks() {
    }

    /** The façade with the policies and artifacts on the executor's class path, made once. */
    private static final class Engine {
        static final Fleetsim FLEETSIM = Fleetsim.create();
    }

    /**
     * Runs point {@code index} of {@code resolvedExperiment} and returns its files.
     *
     * @param cancelled polled by the simulation: true stops it (Spark killed the task)
     */
    static PointFiles run(String resolvedExperiment, int index, BooleanSupplier cancelled) throws IOException {
        ExperimentPlan plan = plan(resolvedExperiment);
        Point p = plan.points().get(index);
        try {
            return new PointFiles(index, SweepPoints.render(plan, p, Engine.FLEETSIM::run, observer(cancelled)));
        } catch (RuntimeException e) {
            // Named by its point, so the driver's report says which one; a plain exception crosses any serializer.
            throw new IllegalStateException("point " + p.id() + ": " + e.getMessage(), e);
        }
    }

    static ExperimentPlan plan(String resolvedExperiment) {
        synchronized (PLANS) {
            ExperimentPlan plan = PLANS.get(resolvedExperiment);
            if (plan == null) {
                ExperimentValidation v = Engine.FLEETSIM.validateExperiment(resolvedExperiment, Sweeps.EXPERIMENT, Path.of("."));
                if (!v.valid()) {
                    // The driver validated the same text: this is a different engine on the executor's class path.
                    throw new IllegalStateException("the executor's Fleetsim rejects the experiment the driver accepted"
                            + " (another version on its class path?): " + v.problems().stream().map(Problem::toString)
                            .collect(Collectors.joining("; ")));
                }
                plan = v.plan().orElseThrow();
                PLANS.put(resolvedExperiment, plan);
            }
            return plan;
        }
    }

    /** What the local sweep's runner gives a point's simulation: no samples, and a cancel. */
    private static SimulationObserver observer(BooleanSupplier cancelled) {
        return new SimulationObserver() {
            @Override
            public SampleRate sampleRate() {
                return SampleRate.NONE;
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }
}
