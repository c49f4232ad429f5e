package dev.fleetsim.engine.compare;

import dev.fleetsim.engine.metrics.JobRecord;
import dev.fleetsim.engine.metrics.RunSummary;
import dev.fleetsim.engine.metrics.SummaryMetric;
import dev.fleetsim.engine.run.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * What one policy × seed run of a comparison yields: its summary (every compared metric is read
 * off it, {@link SummaryMetric}) and the per-job times the CDF charts draw, all from the run's own
 * records, never recomputed with another model.
 *
 * @param policy the comparison's label for the policy ({@code fifo}, {@code fifo:topology-aware})
 * @param jctS completion times of finished jobs (serving replicas are no jobs), in job order
 * @param waitS waits before the first start of started jobs, in job order
 * @param queueingS queueing times (all time waiting) of admitted jobs, in job order
 */
public record RunOutcome(String policy, long seed, RunSummary summary, double[] jctS, double[] waitS,
                         double[] queueingS) {

    /** The outcome of a run under the comparison's label for its policy. */
    public static RunOutcome of(RunResult result, String label) {
        List<Double> jct = new ArrayList<>();
        List<Double> wait = new ArrayList<>();
        List<Double> queueing = new ArrayList<>();
        for (JobRecord j : result.jobs()) {
            if (!j.isJob()) {
                continue;
            }
            j.jctNs().ifPresent(c -> jct.add(c / 1e9));
            j.waitNs().ifPresent(w -> wait.add(w / 1e9));
            j.queueingNs().ifPresent(q -> queueing.add(q / 1e9));
        }
        RunSummary s = result.summary();
        return new RunOutcome(label, s.seed(), s, array(jct), array(wait), array(queueing));
    }

    /** The metric's value in this run. */
    public double value(SummaryMetric metric) {
        return metric.value().applyAsDouble(summary);
    }

    public double meanJctS() {
        return summary.times().jctS().mean();
    }

    public double meanWaitS() {
        return summary.times().waitS().mean();
    }

    public double makespanS() {
        return summary.times().makespanS();
    }

    public int jobs() {
        return summary.jobCounts().jobs();
    }

    public int finished() {
        return summary.jobCounts().finished();
    }

    public int rejected() {
        return summary.jobCounts().rejected();
    }

    public int preemptions() {
        return summary.counts().preemptions();
    }

    public double busyUtilisation() {
        return summary.utilisation().busyUtilisation();
    }

    public double utilisation() {
        return summary.utilisation().allocatedUtilisation();
    }

    /** Jain's index over the tenants' mean slowdowns; NaN when no job finished. */
    public double fairness() {
        Double f = summary.tenants().fairness();
        return f == null ? Double.NaN : f;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
