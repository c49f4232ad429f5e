package dev.fleetsim.engine.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The runs of a comparison, policy-major ({@code runs[p × seeds + s]}), and their summary: each
 * metric's mean over seeds with a 95 % confidence interval, per policy.
 */
public record ComparisonResult(String scenario, List<String> policies, List<Long> seeds, List<RunOutcome> runs) {

    /** One compared metric: its CSV name, its label for people, and how to read it off a run. */
    public record Metric(String name, String label, Unit unit, ToDoubleFunction<RunOutcome> value) {
    }

    /** How a metric is shown: a duration, a fraction, a count, money, or a plain number. */
    public enum Unit { SECONDS, FRACTION, COUNT, USD, INDEX }

    /** The compared metrics, in table order. */
    public static final List<Metric> METRICS = List.of(
            new Metric("mean_jct_s", "mean JCT", Unit.SECONDS, RunOutcome::meanJctS),
            new Metric("p95_jct_s", "p95 JCT", Unit.SECONDS, RunOutcome::p95JctS),
            new Metric("mean_wait_s", "mean wait", Unit.SECONDS, RunOutcome::meanWaitS),
            new Metric("p95_wait_s", "p95 wait", Unit.SECONDS, RunOutcome::p95WaitS),
            new Metric("utilisation", "allocated utilisation", Unit.FRACTION, RunOutcome::utilisation),
            new Metric("busy_utilisation", "computing utilisation", Unit.FRACTION, RunOutcome::busyUtilisation),
            new Metric("makespan_s", "makespan", Unit.SECONDS, RunOutcome::makespanS),
            new Metric("fairness", "fairness: Jain over tenant slowdowns", Unit.INDEX, RunOutcome::fairness),
            new Metric("preemptions", "preemptions", Unit.COUNT, RunOutcome::preemptions),
            new Metric("cost_usd", "cost", Unit.USD, RunOutcome::costUsd));

    public ComparisonResult {
        policies = List.copyOf(policies);
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
    }

    /** The runs of one policy, in seed order. */
    public List<RunOutcome> runsOf(String policy) {
        int p = policies.indexOf(policy);
        return runs.subList(p * seeds.size(), (p + 1) * seeds.size());
    }

    /** The metric's estimate over the policy's seeds. */
    public Estimate estimate(String policy, Metric metric) {
        List<RunOutcome> of = runsOf(policy);
        double[] values = new double[of.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = metric.value().applyAsDouble(of.get(i));
        }
        return Estimate.of(values);
    }

    /** Every finished job's completion time of the policy, over all its seeds. */
    public double[] pooledJctS(String policy) {
        return pooled(policy, true);
    }

    /** Every started job's wait of the policy, over all its seeds. */
    public double[] pooledWaitS(String policy) {
        return pooled(policy, false);
    }

    private double[] pooled(String policy, boolean jct) {
        List<double[]> parts = new ArrayList<>();
        int total = 0;
        for (RunOutcome r : runsOf(policy)) {
            double[] part = jct ? r.jctS() : r.waitS();
            parts.add(part);
            total += part.length;
        }
        double[] out = new double[total];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
