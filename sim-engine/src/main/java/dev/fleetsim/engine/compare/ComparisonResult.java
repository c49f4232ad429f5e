package dev.fleetsim.engine.compare;

import dev.fleetsim.engine.metrics.Estimate;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.scenario.PolicySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The runs of a comparison, policy-major ({@code runs[p × seeds + s]}), the policy each label
 * ran with (name, parameters, preemption cost), and their summary: each metric's mean over seeds
 * with its 95 % confidence interval ({@link Estimate}: bootstrap percentile), per policy and per
 * policy and tenant.
 *
 * @param ranWith the policy each label ran with, by label, in label order
 */
public record ComparisonResult(String scenario, List<String> policies, List<Long> seeds, List<RunOutcome> runs,
                               Map<String, PolicySpec> ranWith) {

    public ComparisonResult {
        policies = List.copyOf(policies);
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
        ranWith = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ranWith));
    }

    /** The runs of one policy, in seed order. */
    public List<RunOutcome> runsOf(String policy) {
        int p = policies.indexOf(policy);
        return runs.subList(p * seeds.size(), (p + 1) * seeds.size());
    }

    /** The metric's estimate over the policy's seeds. */
    public Estimate estimate(String policy, SummaryMetric metric) {
        List<RunOutcome> of = runsOf(policy);
        double[] values = new double[of.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = of.get(i).value(metric);
        }
        return Estimate.of(finite(values), policy + "/" + metric.name());
    }

    /** Every tenant of any run, in name order. */
    public List<String> tenants() {
        TreeSet<String> out = new TreeSet<>();
        for (RunOutcome r : runs) {
            out.addAll(r.summary().tenants().byTenant().keySet());
        }
        return new ArrayList<>(out);
    }

    /** The tenant metric's estimate over the seeds in which the tenant had jobs. */
    public Estimate estimate(String policy, String tenant, SummaryMetric.TenantMetric metric) {
        List<Double> values = new ArrayList<>();
        for (RunOutcome r : runsOf(policy)) {
            RunSummary.Tenant t = r.summary().tenants().byTenant().get(tenant);
            if (t != null) {
                values.add(metric.value().applyAsDouble(t));
            }
        }
        return Estimate.of(finite(values.stream().mapToDouble(Double::doubleValue).toArray()),
                policy + "/" + tenant + "/" + metric.name());
    }

    /** Every finished job's completion time of the policy, over all its seeds. */
    public double[] pooledJctS(String policy) {
        return pooled(policy, 0);
    }

    /** Every started job's wait before its first start, over all the policy's seeds. */
    public double[] pooledWaitS(String policy) {
        return pooled(policy, 1);
    }

    /** Every admitted job's queueing time (all time waiting), over all the policy's seeds. */
    public double[] pooledQueueingS(String policy) {
        return pooled(policy, 2);
    }

    private double[] pooled(String policy, int which) {
        List<double[]> parts = new ArrayList<>();
        int total = 0;
        for (RunOutcome r : runsOf(policy)) {
            double[] part = which == 0 ? r.jctS() : which == 1 ? r.waitS() : r.queueingS();
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

    /** The values that exist (a metric with no jobs to average is NaN in that run). */
    private static double[] finite(double[] values) {
        return java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }
}
