package dev.fleetsim.engine.compare;

import dev.fleetsim.engine.experiment.SweepObserver;
import dev.fleetsim.engine.experiment.SweepRunner;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario under several policies and seeds: a sweep over two axes, policy (outer) and
 * seed (inner), run by the {@link SweepRunner} on a pool of threads with the results kept by
 * (policy, seed) position, so the outcome does not depend on the thread count. Each run is the
 * ordinary single-threaded, deterministic run of the scenario with its seed and policy replaced.
 * A policy runs with the parameters the scenario gives it ({@code policy.params} for the
 * scenario's own policy, {@code policy.paramsByPolicy.NAME} for another; none: its defaults); a
 * label {@code name:placement} (say {@code fifo:topology-aware}) also sets its placement strategy.
 * Every variant keeps the scenario's {@code policy.preemption} and {@code tenants}: what a
 * preemption costs is a property of the jobs' checkpointing, and quotas a property of the
 * organisation, not of the policy.
 */
public final class PolicyComparison {

    private PolicyComparison() {
    }

    /** Separates a label's policy name from the placement strategy it names, {@code name:placement}. */
    public static final char PLACEMENT_SEPARATOR = PolicySpec.PLACEMENT_SEPARATOR;

    /** The registered policy name of a label: {@code fifo} for {@code fifo} and for {@code fifo:topology-aware}. */
    public static String policyName(String label) {
        return PolicySpec.policyName(label);
    }

    /** The policy section a label runs with on {@code spec}: the scenario's parameters for it, the label's placement. */
    public static PolicySpec policyOf(ScenarioSpec spec, String label) {
        return spec.policy().forLabel(label);
    }

    /** The scenario with the policy of {@code label} and {@code seed} in place of its own. */
    public static ScenarioSpec variant(ScenarioSpec spec, String label, long seed) {
        return spec.withSeed(seed).withPolicy(policyOf(spec, label));
    }

    /** How a comparison runs one variant: the façade's own run, so every run of a comparison is an ordinary run. */
    @FunctionalInterface
    public interface Runner {
        RunResult run(ScenarioSpec variant, SimulationObserver observer);
    }

    /**
     * Runs every policy × seed. Every derived metric (slowdowns, fairness) is read off each run's
     * own job records, never recomputed with another model.
     *
     * @throws RunCancelledException when {@code observer} asks to stop
     */
    public static ComparisonResult run(ScenarioSpec spec, List<String> policies, List<Long> seeds, int threads,
                                       Runner runner, SweepObserver observer) {
        List<ScenarioSpec> variants = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Map<String, PolicySpec> ranWith = new LinkedHashMap<>();
        for (String label : policies) {
            ranWith.put(label, policyOf(spec, label));
            for (long seed : seeds) {
                variants.add(variant(spec, label, seed));
                labels.add(label);
            }
        }
        List<RunOutcome> outcomes = SweepRunner.run(variants.size(), threads,
                point -> RunOutcome.of(runner.run(variants.get(point.index()), point.observer()),
                        labels.get(point.index())), observer);
        return new ComparisonResult(spec.name(), policies, seeds, outcomes, ranWith);
    }
}
