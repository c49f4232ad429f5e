package dev.fleetsim.engine.compare;

import dev.fleetsim.engine.observe.RunProgress;
import dev.fleetsim.engine.observe.SampleRate;
import dev.fleetsim.engine.observe.SimulationObserver;
import dev.fleetsim.engine.run.RunCancelledException;
import dev.fleetsim.engine.run.RunResult;
import dev.fleetsim.engine.scenario.PolicySpec;
import dev.fleetsim.engine.scenario.ScenarioSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one scenario under several policies and seeds on a pool of threads. Each run is the
 * ordinary single-threaded, deterministic run of the scenario with its seed and policy replaced,
 * and results are kept by (policy, seed) position, never by completion order, so the outcome
 * does not depend on the thread count. A policy gets the scenario's {@code policy.params} when it
 * is the scenario's own policy, and its defaults otherwise; a label {@code name:placement} (say
 * {@code fifo:topology-aware}) also sets its placement strategy. Every variant keeps the scenario's
 * {@code policy.preemption}: what a preemption costs is a property of the jobs' checkpointing,
 * not of the policy, and a free preemption would flatter the preemptive policies.
 */
public final class PolicyComparison {

    private PolicyComparison() {
    }

    /** Separates a label's policy name from the placement strategy it names, {@code name:placement}. */
    public static final char PLACEMENT_SEPARATOR = ':';

    /** The registered policy name of a label: {@code fifo} for {@code fifo} and for {@code fifo:topology-aware}. */
    public static String policyName(String label) {
        int at = label.indexOf(PLACEMENT_SEPARATOR);
        return at < 0 ? label : label.substring(0, at);
    }

    /**
     * The scenario with the policy of {@code label} and {@code seed} in place of its own: the
     * scenario's own policy keeps its params, another policy gets its defaults, a placement in the
     * label replaces the {@code placement} param, and the preemption cost is the scenario's.
     */
    public static ScenarioSpec variant(ScenarioSpec spec, String label, long seed) {
        String name = policyName(label);
        Map<String, Object> params = new TreeMap<>(name.equals(spec.policy().name()) ? spec.policy().params() : Map.of());
        if (!name.equals(label)) {
            params.put("placement", label.substring(name.length() + 1));
        }
        PolicySpec p = new PolicySpec(name, params, spec.policy().preemption());
        ScenarioSpec seeded = spec.withSeed(seed);
        return new ScenarioSpec(seeded.name(), seeded.description(), seeded.simulation(), seeded.hardware(),
                seeded.cluster(), seeded.workload(), p, seeded.cost());
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
     * @throws RunCancelledException when {@code progress} asks to stop
     */
    public static ComparisonResult run(ScenarioSpec spec, List<String> policies, List<Long> seeds, int threads,
                                       Runner runner, ComparisonProgress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), daemonThreads());
        try {
            List<Future<RunOutcome>> runs = new ArrayList<>();
            for (int p = 0; p < policies.size(); p++) {
                for (int s = 0; s < seeds.size(); s++) {
                    int index = p * seeds.size() + s;
                    ScenarioSpec variant = variant(spec, policies.get(p), seeds.get(s));
                    runs.add(pool.submit(runTask(variant, policies.get(p), runner, index, progress)));
                }
            }
            List<RunOutcome> outcomes = new ArrayList<>(runs.size());
            for (Future<RunOutcome> f : runs) {
                outcomes.add(await(f));
            }
            // A cancel that came after the last check of a short run still means: nothing to report.
            if (progress.cancelled()) {
                throw new RunCancelledException(0);
            }
            return new ComparisonResult(spec.name(), policies, seeds, outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<RunOutcome> runTask(ScenarioSpec variant, String label, Runner runner, int index,
                                                ComparisonProgress progress) {
        return () -> {
            if (progress.cancelled()) {
                throw new RunCancelledException(0);
            }
            SimulationObserver observer = new SimulationObserver() {
                @Override
                public SampleRate sampleRate() {
                    return SampleRate.NONE;
                }

                @Override
                public void progress(RunProgress p) {
                    progress.runProgress(index, p.fraction());
                }

                @Override
                public boolean cancelled() {
                    return progress.cancelled();
                }
            };
            RunResult result = runner.run(variant, observer);
            progress.runProgress(index, 1.0);
            return RunOutcome.of(result).labelled(label);
        };
    }

    /** The task's value; its own exception (a cancel, a policy violation) is rethrown as it was. */
    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException(0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fleetsim-compare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
